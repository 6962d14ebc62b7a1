// Writes a backend plugin's OpenAPI contract as a typed `const` (openapi.generated.ts), so that
// createValidatedOpenApiRouter<typeof spec> can type the router without the Java-based generator.
// The contract is src/schema/openapi.yaml plus each domain's part, src/<domain>/openapi.yaml (paths and
// the components they own), merged into one served spec; a key defined twice is an error.
// Usage: node scripts/lib/openapi-to-ts.js plugins/<plugin>/src/schema [--check]
//   --check: write nothing; exit 1 when openapi.generated.ts is not what the YAML files give.
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const [dir, flag] = process.argv.slice(2);
const src = path.dirname(path.resolve(dir));
const read = file => parse(fs.readFileSync(file, 'utf8'));

const spec = read(path.join(dir, 'openapi.yaml'));
const parts = fs
  .readdirSync(src, { withFileTypes: true })
  .filter(e => e.isDirectory() && e.name !== path.basename(dir))
  .map(e => path.join(src, e.name, 'openapi.yaml'))
  .filter(file => fs.existsSync(file))
  .sort();

function mergeInto(target, addition, where) {
  for (const [key, value] of Object.entries(addition ?? {})) {
    if (key in target) {
      throw new Error(`${where}.${key} is defined twice`);
    }
    target[key] = value;
  }
}

for (const file of parts) {
  const part = read(file);
  const relative = path.relative(src, file);
  for (const [kind, entries] of Object.entries(part.components ?? {})) {
    spec.components = spec.components ?? {};
    spec.components[kind] = spec.components[kind] ?? {};
    mergeInto(
      spec.components[kind],
      entries,
      `${relative}: components.${kind}`,
    );
  }
  spec.paths = spec.paths ?? {};
  mergeInto(spec.paths, part.paths, `${relative}: paths`);
}

const out = `// Generated from openapi.yaml by scripts/lib/openapi-to-ts.js; do not edit. A test checks they agree.
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
const target = path.join(dir, 'openapi.generated.ts');
if (flag === '--check') {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== out) {
    console.error(
      `${target} is not what the OpenAPI files give; run: node scripts/lib/openapi-to-ts.js ${dir}`,
    );
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, out);
}
