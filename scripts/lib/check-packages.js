// Checks that every package a portal installs can be published and installed from a registry: the
// metadata `backstage-cli repo fix --check` does not look at (issue 14). Exits 1 listing each problem.
// Usage: node scripts/lib/check-packages.js
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const dirs = ['packages', 'plugins'].flatMap(group =>
  fs
    .readdirSync(path.join(root, group))
    .map(name => path.join(group, name))
    .filter(dir => fs.existsSync(path.join(root, dir, 'package.json'))),
);
const packages = new Map(
  dirs.map(dir => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(root, dir, 'package.json'), 'utf8'),
    );
    return [pkg.name, { dir, pkg }];
  }),
);

const problems = [];
for (const [name, { dir, pkg }] of packages) {
  if (pkg.private) continue;
  const has = file => fs.existsSync(path.join(root, dir, file));
  const say = message => problems.push(`${name} (${dir}): ${message}`);
  const role = pkg.backstage?.role;
  if (!role) say('backstage.role is missing');
  if (!pkg.license) say('license is missing');
  if (!pkg.description) say('description is missing');
  if (pkg.publishConfig?.access !== 'public')
    say(
      'publishConfig.access must be "public" (scoped packages are private by default)',
    );
  // With `exports`, `backstage-cli package prepack` points every entry at dist/ itself.
  if (!pkg.exports) {
    if (!/^dist\//.test(pkg.publishConfig?.main ?? ''))
      say('publishConfig.main must point into dist/ (the published build)');
    if (!/^dist\/.*\.d\.ts$/.test(pkg.publishConfig?.types ?? ''))
      say('publishConfig.types must point at the built types in dist/');
  }
  if (pkg.scripts?.prepack !== 'backstage-cli package prepack')
    say('scripts.prepack must be "backstage-cli package prepack"');
  if (pkg.scripts?.postpack !== 'backstage-cli package postpack')
    say('scripts.postpack must be "backstage-cli package postpack"');
  const files = pkg.files ?? [];
  if (!files.includes('dist')) say('files must include dist');
  if (has('migrations') && !files.some(f => f.startsWith('migrations')))
    say('files must include migrations (the plugin runs them at start)');
  if (has('config.d.ts')) {
    if (!files.includes('config.d.ts')) say('files must include config.d.ts');
    if (pkg.configSchema !== 'config.d.ts')
      say('configSchema must be "config.d.ts"');
  }
  if (!has('README.md')) say('README.md is missing');
  if (!has('CHANGELOG.md'))
    say('CHANGELOG.md is missing (changesets writes it)');
  if (role === 'backend-plugin-module' || role === 'frontend-plugin-module') {
    if (!pkg.backstage.pluginId) say('backstage.pluginId is missing');
    if (!pkg.backstage.pluginPackage)
      say(
        'backstage.pluginPackage is missing (the plugin this module extends)',
      );
  } else if (pkg.backstage?.pluginId) {
    if (!pkg.backstage.pluginPackages?.includes(name))
      say('backstage.pluginPackages must list the package itself');
  }
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const dep of Object.keys(pkg[field] ?? {})) {
      const local = packages.get(dep);
      if (local?.pkg.private)
        say(
          `${field} include ${dep}, which is private and cannot be installed from a registry`,
        );
    }
  }
}

if (problems.length) {
  console.error(`${problems.length} problem(s) with publishable packages:`);
  for (const p of problems) console.error(`- ${p}`);
  process.exit(1);
}
console.log(
  `${
    [...packages.values()].filter(p => !p.pkg.private).length
  } publishable packages: metadata complete`,
);
