// Writes a backend plugin's src/schema/openapi.yaml as a typed `const` (openapi.generated.ts), so that
// createValidatedOpenApiRouter<typeof spec> can type the router without the Java-based generator.
// Usage: node scripts/lib/openapi-to-ts.js plugins/<plugin>/src/schema
const fs = require('node:fs');
const path = require('node:path');
const { parse } = require('yaml');

const dir = process.argv[2];
const spec = parse(fs.readFileSync(path.join(dir, 'openapi.yaml'), 'utf8'));
const out = `// Generated from openapi.yaml by scripts/lib/openapi-to-ts.js; do not edit. A test checks they agree.
export const spec = ${JSON.stringify(spec, null, 2)} as const;
`;
fs.writeFileSync(path.join(dir, 'openapi.generated.ts'), out);
