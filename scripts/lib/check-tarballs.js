// Checks packed tarballs: every file or folder the packed package.json names (main, types, exports,
// configSchema, files) is in the tarball, so that a portal installing it from a registry can load it.
// Usage: node scripts/lib/check-tarballs.js packs/*.tgz
const { execFileSync } = require('node:child_process');

let problems = 0;
for (const tarball of process.argv.slice(2)) {
  const entries = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(e => e.replace(/^package\//, ''));
  const pkg = JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const present = path =>
    entries.some(
      e =>
        e === path.replace(/^\.\//, '') ||
        e.startsWith(`${path.replace(/^\.\//, '').replace(/\/$/, '')}/`),
    );
  const named = [
    pkg.main,
    pkg.types,
    pkg.configSchema,
    ...(pkg.files ?? []),
    // Export conditions hold paths ("./dist/...") and markers ("backstage": "@backstage/...").
    ...Object.values(pkg.exports ?? {})
      .flatMap(e => (typeof e === 'string' ? [e] : Object.values(e)))
      .filter(e => typeof e === 'string' && e.startsWith('./')),
  ].filter(
    p => typeof p === 'string' && p !== './package.json' && !p.includes('*'),
  );
  for (const path of new Set(named)) {
    if (!present(path)) {
      console.error(
        `${pkg.name}: ${path} is named in package.json but not in the tarball`,
      );
      problems++;
    }
  }
  if (JSON.stringify(pkg).includes('workspace:')) {
    console.error(`${pkg.name}: a workspace: range is left in package.json`);
    problems++;
  }
}
if (problems) process.exit(1);
console.log(`${process.argv.length - 2} tarballs complete`);
