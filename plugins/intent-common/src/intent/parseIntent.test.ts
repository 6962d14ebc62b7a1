import { InputError } from '@backstage/errors';
import {
  directionalIntentYaml,
  explicitIntentYaml,
  outcomeIntentYaml,
} from '../examples/exampleIntents';
import { intentJsonSchema } from './intentJsonSchema';
import { parseIntent, validateIntent } from './parseIntent';

function issuesOf(yaml: string) {
  const result = validateIntent(yaml);
  if (result.valid) throw new Error('expected the intent to be invalid');
  return result.issues;
}

describe('parseIntent', () => {
  it('reads each level from YAML and applies defaults', () => {
    const outcome = parseIntent(outcomeIntentYaml);
    expect(outcome.spec.sizing.level).toBe('outcome');
    expect(outcome.spec.constraints.compliance).toEqual(['gdpr', 'soc2']);

    const directional = parseIntent(directionalIntentYaml);
    expect(directional.spec.sizing).toMatchObject({
      level: 'directional',
      instances: 3,
    });
    expect(directional.spec.constraints.dataResidency).toBe('any');

    const explicit = parseIntent(explicitIntentYaml);
    expect(explicit.spec.sizing).toMatchObject({
      level: 'explicit',
      postgres: {
        size: 'small',
        replicas: 0,
        multiZone: false,
        publicAccess: false,
      },
    });
  });

  it('reads JSON and plain objects the same as YAML', () => {
    const fromYaml = parseIntent(outcomeIntentYaml);
    expect(parseIntent(JSON.stringify(fromYaml))).toEqual(fromYaml);
    expect(parseIntent(fromYaml)).toEqual(fromYaml);
  });

  it('names the field and the allowed values of an enum', () => {
    const issues = issuesOf(
      outcomeIntentYaml.replace('provider: aws', 'provider: ibm'),
    );
    expect(issues).toEqual([
      {
        path: 'spec.target.provider',
        message: 'must be one of aws, gcp, azure',
        allowed: ['aws', 'gcp', 'azure'],
      },
    ]);
  });

  it('names the allowed levels when the level is unknown', () => {
    const issues = issuesOf(
      outcomeIntentYaml.replace('level: outcome', 'level: vibes'),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'spec.sizing.level',
        allowed: ['explicit', 'directional', 'outcome'],
      }),
    ]);
  });

  it('reports every issue at once, with paths', () => {
    const yaml = outcomeIntentYaml
      .replace('environment: prod', 'environment: production')
      .replace('growth: fast', 'growth: explosive')
      .replace('name: checkout-api', 'name: Checkout_API')
      .replace('p95LatencyMs: 400', 'p95LatencyMs: 400\n    colour: blue');
    const paths = issuesOf(yaml).map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'metadata.name',
        'spec.environment',
        'spec.sizing.growth',
        'spec.sizing',
      ]),
    );
    expect(issuesOf(yaml).find(i => i.path === 'spec.sizing')?.message).toBe(
      'has unknown field(s) colour',
    );
  });

  it('says what type a field takes and what it was given, apart from a missing field', () => {
    const issues = issuesOf(
      outcomeIntentYaml
        .replace('p95LatencyMs: 400', 'p95LatencyMs: 400.5')
        .replace('expectedUsers: 10000', 'expectedUsers: "10k"')
        .replace(/\n {2}owner: .*\n/, '\n'),
    );
    const message = (path: string) =>
      issues.find(i => i.path === path)?.message;
    expect(message('spec.sizing.p95LatencyMs')).toBe(
      'must be a whole number, not 400.5',
    );
    expect(message('spec.sizing.expectedUsers')).toBe(
      'must be a number, not the text "10k"',
    );
    expect(message('metadata.owner')).toBe('is required (text)');
  });

  it('says whether a bound is inclusive', () => {
    const yaml = outcomeIntentYaml
      .replace('expectedUsers: 10000', 'expectedUsers: 0')
      .replace('p95LatencyMs: 400', 'p95LatencyMs: 5');
    const issues = issuesOf(yaml);
    expect(
      issues.find(i => i.path === 'spec.sizing.expectedUsers')?.message,
    ).toBe('must be more than 0');
    expect(
      issues.find(i => i.path === 'spec.sizing.p95LatencyMs')?.message,
    ).toBe('must be at least 10');
  });

  it('checks rules across fields', () => {
    const noLoad = outcomeIntentYaml.replace('    expectedUsers: 10000\n', '');
    expect(issuesOf(noLoad)).toEqual([
      {
        path: 'spec.sizing.expectedUsers',
        message: 'expectedUsers or peakRps (or both) is required',
      },
    ]);
    const missingPostgres = explicitIntentYaml.replace(
      / {4}postgres:\n( {6}.*\n)+/,
      '',
    );
    expect(issuesOf(missingPostgres)).toEqual([
      {
        path: 'spec.sizing.postgres',
        message: 'is required because spec.services includes postgres',
      },
    ]);
    const job = outcomeIntentYaml.replace(
      'type: web-service',
      'type: scheduled-job',
    );
    expect(issuesOf(job)).toEqual([
      expect.objectContaining({ path: 'spec.workload.schedule' }),
      {
        path: 'spec.services',
        message:
          "cdn serves a web-service's or a static-site's responses; a scheduled-job answers no requests (remove cdn)",
      },
    ]);
  });

  it('rejects names that cannot become cloud resource names, including look-alike letters', () => {
    for (const name of [
      'a',
      'x--y',
      'ends-',
      `${'a'.repeat(29)}`,
      'chеckout',
      '"quoted"',
      'a${b}',
    ]) {
      expect(
        issuesOf(
          outcomeIntentYaml.replace('name: checkout-api', `name: '${name}'`),
        ).map(i => i.path),
      ).toContain('metadata.name');
    }
  });

  it('accepts image references and refuses anything else in their place', () => {
    for (const image of [
      'nginx',
      'nginx:1.27',
      'registry.northwind.example/checkout-api:1.42.0',
      'localhost:5000/team/app_worker:v2-rc.1',
      `ghcr.io/org/app@sha256:${'a'.repeat(64)}`,
    ])
      expect(
        validateIntent(
          outcomeIntentYaml.replace(
            /image: .*/,
            `image: ${JSON.stringify(image)}`,
          ),
        ).valid,
      ).toBe(true);
    for (const image of [
      'app:1.0\nkind: Secret',
      'app:1.0" && rm -rf /',
      "app'1",
      'App/Upper:1',
      'app:1.0 extra',
      '${var.x}',
    ])
      expect(
        issuesOf(
          outcomeIntentYaml.replace(
            /image: .*/,
            `image: ${JSON.stringify(image)}`,
          ),
        ),
      ).toEqual([
        {
          path: 'spec.workload.image',
          message:
            'must be an image reference such as registry.example.com/team/app:1.2.3 (no spaces, quotes or newlines)',
        },
      ]);
  });

  it('turns YAML syntax errors into one issue', () => {
    expect(issuesOf('spec: [unclosed')).toEqual([
      expect.objectContaining({
        path: '',
        message: expect.stringContaining('not valid YAML or JSON'),
      }),
    ]);
  });

  it('throws an InputError listing the issues', () => {
    expect(() =>
      parseIntent(
        outcomeIntentYaml.replace('runtime: managed', 'runtime: lambda'),
      ),
    ).toThrow(InputError);
    expect(() =>
      parseIntent(
        outcomeIntentYaml.replace('runtime: managed', 'runtime: lambda'),
      ),
    ).toThrow('spec.target.runtime: must be one of managed, kubernetes');
  });
});

describe('intentJsonSchema', () => {
  it('exports the document shape for editors', () => {
    const schema = intentJsonSchema() as any;
    expect(schema.$schema).toContain('json-schema.org');
    expect(schema.required).toEqual(
      expect.arrayContaining(['apiVersion', 'kind', 'metadata', 'spec']),
    );
    expect(
      schema.properties.spec.properties.target.properties.provider.enum,
    ).toEqual(['aws', 'gcp', 'azure']);
    const levels =
      schema.properties.spec.properties.sizing.oneOf ??
      schema.properties.spec.properties.sizing.anyOf;
    expect(levels.map((l: any) => l.properties.level.const)).toEqual([
      'explicit',
      'directional',
      'outcome',
    ]);
  });
});
