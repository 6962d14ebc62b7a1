import fs from 'node:fs';
import path from 'node:path';

/** The plugin's domains (docs/DESIGN.md, "Domains of the insights backend"). */
const DOMAINS = [
  'ingest',
  'delivery',
  'ingestionHealth',
  'facts',
  'reliability',
  'ownership',
  'scorecards',
  'environments',
];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    // Tests and their helpers may reach in: they check a domain from outside.
    if (entry.isDirectory())
      return entry.name === '__testUtils__' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
      ? [full]
      : [];
  });
}

describe('domain boundaries', () => {
  it('a domain reaches another only through its index (interfaces and records), never its store or tables', () => {
    const violations: string[] = [];
    for (const domain of DOMAINS) {
      for (const file of sources(path.join(__dirname, domain))) {
        const text = fs.readFileSync(file, 'utf8');
        for (const [, spec] of text.matchAll(/from '([^']+)'/g)) {
          if (!spec.startsWith('.')) continue;
          const target = path.relative(
            __dirname,
            path.resolve(path.dirname(file), spec),
          );
          const [top, ...rest] = target.split(path.sep);
          if (top === domain || !DOMAINS.includes(top)) continue;
          if (rest.length > 0) {
            violations.push(`${path.relative(__dirname, file)} -> ${target}`);
          }
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('no file outside a domain but its own reads its tables', () => {
    const tablesOf: Record<string, RegExp> = {
      delivery: /'delivery_\w+'/,
      ingestionHealth: /'ingestion_health_\w+'/,
      ingest: /'cdevents_\w+'/,
      reliability: /'reliability_\w+'/,
      ownership: /'ownership_\w+'/,
      scorecards: /'scorecard_\w+'/,
    };
    const violations: string[] = [];
    for (const file of sources(__dirname)) {
      const owner = path.relative(__dirname, file).split(path.sep)[0];
      const text = fs.readFileSync(file, 'utf8');
      for (const [domain, pattern] of Object.entries(tablesOf)) {
        if (domain !== owner && pattern.test(text)) {
          violations.push(
            `${path.relative(__dirname, file)} names ${domain}'s tables`,
          );
        }
      }
    }
    expect(violations).toEqual([]);
  });
});
