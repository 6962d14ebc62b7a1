// The edits an adopter makes by hand in a fresh create-app portal, done by the adoption test
// (scripts/adoption) with the README's own text:
//   backend <index.ts> <code>          the README's backend lines, before `backend.start()`
//   config <app-config.yaml> <file>    the README's configuration, merged (lists are added to)
//   test-config <app-config.yaml>      what the test itself needs: a CI token for pushing events
//   legacy-app <packages/app> <plugins> the legacy frontend system's pages, cards and field, using
//                                      exactly the names the plugin READMEs import
const fs = require('node:fs');
const path = require('node:path');
const { parse, stringify } = require('yaml');

const [command, target, arg] = process.argv.slice(2);

function edit(file, change) {
  const before = fs.readFileSync(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`${file}: nothing changed`);
  fs.writeFileSync(file, after);
}

/** Inserts `text` before the only occurrence of `anchor` (or after it, with `after: true`). */
function insert(source, anchor, text, { after = false, all = false } = {}) {
  const count = source.split(anchor).length - 1;
  if (count === 0) throw new Error(`anchor not found: ${anchor.slice(0, 80)}`);
  if (count > 1 && !all)
    throw new Error(`anchor found ${count} times: ${anchor.slice(0, 80)}`);
  return source.split(anchor).join(after ? anchor + text : text + anchor);
}

function replaceOnce(source, anchor, replacement) {
  return insert(source, anchor, '').replace(anchor, replacement);
}

function mergeConfig(base, addition) {
  if (Array.isArray(base) && Array.isArray(addition))
    return [...base, ...addition];
  if (
    base &&
    addition &&
    typeof base === 'object' &&
    typeof addition === 'object'
  ) {
    const out = { ...base };
    for (const [key, value] of Object.entries(addition)) {
      out[key] = key in base ? mergeConfig(base[key], value) : value;
    }
    return out;
  }
  return addition;
}

function mergeYaml(file, addition) {
  const merged = mergeConfig(
    parse(fs.readFileSync(file, 'utf8')) ?? {},
    addition,
  );
  fs.writeFileSync(file, stringify(merged));
}

/** The names a README's legacy-frontend section imports from a package. */
function legacyImports(readme, packageName) {
  const text = fs.readFileSync(readme, 'utf8');
  const start = text.indexOf('### Legacy frontend system');
  if (start < 0)
    throw new Error(`${readme}: no "### Legacy frontend system" section`);
  const section = text.slice(start, text.indexOf('\n## ', start) >>> 0);
  const names = new Set();
  const pattern = new RegExp(
    `import\\s*{([^}]*)}\\s*from\\s*'${packageName.replace('/', '\\/')}'`,
    'g',
  );
  for (const match of section.matchAll(pattern)) {
    for (const name of match[1].split(',')) {
      if (name.trim()) names.add(name.trim());
    }
  }
  return names;
}

function legacyApp(appDir, pluginsDir) {
  const insights = legacyImports(
    path.join(pluginsDir, 'insights/README.md'),
    '@cairn/plugin-insights',
  );
  const intent = legacyImports(
    path.join(pluginsDir, 'intent/README.md'),
    '@cairn/plugin-intent',
  );
  // The edits below use these names; a README that renames or drops one fails the test here.
  const need = (names, wanted) => {
    for (const name of wanted) {
      if (!names.has(name))
        throw new Error(`the README no longer imports ${name}`);
    }
    return wanted.join(', ');
  };
  const insightsImports = need(insights, [
    'EntityDoraCard',
    'EntitySloCard',
    'EntityDeliveryContent',
    'EntityTeamDeliveryCard',
    'EntityTeamSloCard',
    'EntityReliabilityContent',
    'EntityTeamDeliveryContent',
    'EntityScorecardCard',
    'isInsightsAvailable',
    'InsightsIngestionPage',
  ]);
  const intentImports = need(intent, [
    'EnvironmentsPage',
    'IntentPreviewFieldExtension',
    'IntentInferenceFieldExtension',
    'EntityGroupEnvironmentsCard',
  ]);

  const src = path.join(appDir, 'src');
  edit(path.join(src, 'components/catalog/EntityPage.tsx'), source => {
    let s = `import { ${insightsImports.replace(
      ', InsightsIngestionPage',
      '',
    )} } from '@cairn/plugin-insights';\nimport { EntityGroupEnvironmentsCard } from '@cairn/plugin-intent';\n${source}`;
    s = insert(
      s,
      '    <Grid item md={8} xs={12}>\n      <EntityHasSubcomponentsCard />\n    </Grid>\n',
      `    <EntitySwitch>\n      <EntitySwitch.Case if={isInsightsAvailable}>\n        <Grid item xs={12}>\n          <EntityDoraCard />\n        </Grid>\n        <Grid item xs={12}>\n          <EntitySloCard />\n        </Grid>\n        <Grid item xs={12} md={6}>\n          <EntityScorecardCard />\n        </Grid>\n      </EntitySwitch.Case>\n    </EntitySwitch>\n`,
      { after: true },
    );
    // The Delivery tab on service, website and default component pages.
    s = insert(
      s,
      '    <EntityLayout.Route path="/docs" title="Docs">',
      '    <EntityLayout.Route path="/delivery" title="Delivery">\n      <EntityDeliveryContent />\n    </EntityLayout.Route>\n\n    <EntityLayout.Route path="/reliability" title="Reliability">\n      <EntityReliabilityContent />\n    </EntityLayout.Route>\n\n',
      { all: true },
    );
    // The group page: the team card, the live environments, the team's Delivery tab.
    s = insert(
      s,
      '        <Grid item xs={12} md={6}>\n          <EntityMembersListCard />\n        </Grid>\n',
      '        <Grid item xs={12}>\n          <EntityTeamDeliveryCard />\n        </Grid>\n        <Grid item xs={12}>\n          <EntityTeamSloCard />\n        </Grid>\n        <Grid item xs={12}>\n          <EntityGroupEnvironmentsCard />\n        </Grid>\n',
      { after: true },
    );
    s = insert(
      s,
      '  </EntityLayout>\n);\n\nconst systemPage',
      '    <EntityLayout.Route path="/delivery" title="Delivery">\n      <EntityTeamDeliveryContent />\n    </EntityLayout.Route>\n',
    );
    return s;
  });

  edit(path.join(src, 'App.tsx'), source => {
    let s = `import { ScaffolderFieldExtensions } from '@backstage/plugin-scaffolder-react';\nimport { InsightsIngestionPage } from '@cairn/plugin-insights';\nimport { EnvironmentsPage, IntentInferenceFieldExtension, IntentPreviewFieldExtension } from '@cairn/plugin-intent';\n${source}`;
    s = replaceOnce(
      s,
      '<Route path="/create" element={<ScaffolderPage />} />',
      '<Route path="/create" element={<ScaffolderPage />}>\n      <ScaffolderFieldExtensions>\n        <IntentPreviewFieldExtension />\n        <IntentInferenceFieldExtension />\n      </ScaffolderFieldExtensions>\n    </Route>',
    );
    s = insert(
      s,
      '  </FlatRoutes>',
      '    <Route path="/environments" element={<EnvironmentsPage />} />\n    <Route path="/delivery-ingestion" element={<InsightsIngestionPage />} />\n',
    );
    return s;
  });

  edit(path.join(src, 'components/Root/Root.tsx'), source =>
    insert(
      `import CloudQueueIcon from '@material-ui/icons/CloudQueue';\nimport MoveToInboxIcon from '@material-ui/icons/MoveToInbox';\n${source}`,
      '<SidebarItem icon={CreateComponentIcon} to="create" text="Create..." />',
      '\n        <SidebarItem icon={CloudQueueIcon} to="environments" text="Environments" />\n        <SidebarItem icon={MoveToInboxIcon} to="delivery-ingestion" text="Ingestion" />',
      { after: true },
    ),
  );
}

switch (command) {
  case 'backend':
    edit(target, source =>
      insert(source, 'backend.start();', `${arg.trim()}\n\n`),
    );
    break;
  case 'config':
    mergeYaml(target, parse(fs.readFileSync(arg, 'utf8')));
    break;
  case 'test-config':
    mergeYaml(target, {
      backend: {
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: {
                token: 'adoption-ci-0123456789abcdef0123456789',
                subject: 'adoption-ci',
              },
              accessRestrictions: [
                { plugin: 'insights', permission: 'insights.events.create' },
              ],
            },
          ],
        },
      },
    });
    break;
  case 'legacy-app':
    legacyApp(target, arg);
    break;
  default:
    console.error(`unknown command ${command}`);
    process.exit(2);
}
