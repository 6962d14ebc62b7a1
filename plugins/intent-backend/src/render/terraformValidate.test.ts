import {
  describeWithServices,
  startTerraformWorkspace,
  TerraformWorkspace,
  terraformProviderMirror,
} from '@cairn/test-utils';
import {
  defaultPlatformConfig,
  directionalIntentYaml,
  explicitIntentYaml,
  outcomeIntentYaml,
  parseIntent,
  planIntent,
  renderBundle,
  resourceSchemas,
} from '@cairn/plugin-intent-common';

/*
 * Every AWS bundle the examples and the golden tests produce, checked by `terraform validate` with the
 * real hashicorp/aws provider from a local mirror (no network): both runtimes, each sizing level, each
 * workload type, the availability bands and 100 times the load.
 */

jest.setTimeout(300_000);
const NOW_FOR_TESTS = new Date('2026-11-01T00:00:00Z');

const toAws = (yaml: string) =>
  yaml
    .replace(/provider: (gcp|azure)/, 'provider: aws')
    .replace(/region: (europe-west1|westeurope)/, 'region: eu-west-1');

const outcome = toAws(outcomeIntentYaml);
const variants: Array<[string, string]> = [
  ['the outcome example', outcome],
  ['the directional example', toAws(directionalIntentYaml)],
  ['the explicit example', toAws(explicitIntentYaml)],
  [
    '99 % availability',
    outcome.replace('availability: 99.9', 'availability: 99'),
  ],
  [
    '99.95 % availability',
    outcome.replace('availability: 99.9', 'availability: 99.95'),
  ],
  [
    '99.99 % availability',
    outcome.replace('availability: 99.9', 'availability: 99.99'),
  ],
  [
    '100 times the users',
    outcome
      .replace('expectedUsers: 10000', 'expectedUsers: 1000000')
      .replace('monthlyBudgetUsd: 1500', 'monthlyBudgetUsd: 500000'),
  ],
  [
    'HIPAA (customer-managed keys, audit logs, TLS only)',
    outcome.replace(
      'compliance: [gdpr, soc2]',
      'compliance: [hipaa, soc2, gdpr]',
    ),
  ],
  [
    'no compliance profile',
    outcome.replace('compliance: [gdpr, soc2]', 'compliance: []'),
  ],
  [
    'a worker',
    outcome.replace('type: web-service', 'type: worker').replace(', cdn]', ']'),
  ],
  [
    'a scheduled job',
    outcome
      .replace(
        'type: web-service',
        "type: scheduled-job\n    schedule: '0 3 * * *'",
      )
      .replace(', cdn]', ']'),
  ],
];

const bundles = [
  ...variants.flatMap(([name, yaml]) =>
    (['managed', 'kubernetes'] as const).map(runtime => ({
      name: `${name} on ${runtime}`,
      yaml: yaml.replace(
        /runtime: (managed|kubernetes)/,
        `runtime: ${runtime}`,
      ),
    })),
  ),
  {
    name: 'a static site',
    yaml: outcome
      .replace('type: web-service', 'type: static-site')
      .replace(/services: \[.*\]/, 'services: [objectStorage, cdn]'),
  },
];

describeWithServices({ terraformAws: true })(
  'terraform validate with the real AWS provider',
  () => {
    let workspace: TerraformWorkspace;
    beforeAll(async () => {
      workspace = await startTerraformWorkspace({
        mirror: terraformProviderMirror('aws')!,
      });
    });
    afterAll(() => workspace?.close());

    it.each(bundles)('accepts $name', async ({ yaml }) => {
      const plan = planIntent(parseIntent(yaml), defaultPlatformConfig, {
        now: NOW_FOR_TESTS,
      });
      const files = renderBundle(plan, defaultPlatformConfig).files.filter(f =>
        f.path.endsWith('.tf.json'),
      );
      expect(files.length).toBeGreaterThan(0);
      const result = await workspace.validate(
        files.map(f => ({
          path: f.path.replace(/^terraform\//, ''),
          content: f.content,
        })),
      );
      expect(
        result.diagnostics
          .filter(d => d.severity === 'error')
          .map(d => `${d.summary}: ${d.detail ?? ''} (${d.address ?? ''})`),
      ).toEqual([]);
      expect(result.valid).toBe(true);
    });

    describe('the committed schema the offline validator uses (AWS part)', () => {
      let aws: Record<string, any>;
      beforeAll(async () => {
        await workspace.validate([
          {
            path: 'main.tf.json',
            content: JSON.stringify({
              terraform: {
                required_providers: {
                  aws: { source: 'hashicorp/aws', version: '~> 5.80' },
                },
              },
            }),
          },
        ]);
        aws = (await workspace.providerSchemas())[
          'registry.terraform.io/hashicorp/aws'
        ].resource_schemas;
      });
      const awsTypes = Object.entries(resourceSchemas).filter(([type]) =>
        type.startsWith('aws_'),
      );
      const requiredOf = (block: any) =>
        [
          ...Object.entries<any>(block.attributes ?? {})
            .filter(([, a]) => a.required)
            .map(([n]) => n),
          ...Object.entries<any>(block.block_types ?? {})
            .filter(([, b]) => (b.min_items ?? 0) > 0)
            .map(([n]) => n),
        ].sort();
      const nestedBlock = (block: any, path: string) =>
        path.split('.').reduce((b, key) => b?.block_types?.[key]?.block, block);

      it.each(awsTypes)(
        'agrees with the real provider on %s',
        (type, schema) => {
          const real = aws[type]?.block;
          expect(real).toBeDefined();
          expect([...schema.required].sort()).toEqual(requiredOf(real));
          for (const [path, required] of Object.entries(schema.blocks ?? {})) {
            const block = nestedBlock(real, path);
            expect({ path, found: !!block }).toEqual({ path, found: true });
            expect({ path, required: [...required].sort() }).toEqual({
              path,
              required: requiredOf(block),
            });
          }
          // Every list-of-objects attribute of the type is known, with all its attributes.
          const realAsBlocks = Object.entries<any>(real.attributes ?? {})
            .filter(
              ([, a]) =>
                Array.isArray(a.type) &&
                ['list', 'set'].includes(a.type[0]) &&
                Array.isArray(a.type[1]) &&
                a.type[1][0] === 'object' &&
                a.optional,
            )
            .map(([name, a]) => [name, Object.keys(a.type[1][1]).sort()]);
          expect(
            Object.entries(schema.attributesAsBlocks ?? {}).map(([n, a]) => [
              n,
              [...a].sort(),
            ]),
          ).toEqual(expect.arrayContaining(realAsBlocks));
        },
      );

      const awsChoices = awsTypes.flatMap(([type, schema]) =>
        (schema.oneOf ?? []).map(rule => ({ type, schema, rule })),
      );
      it.each(awsChoices)(
        'the real provider also refuses both of $rule.names.0 and $rule.names.1 on $type',
        async ({ type, schema, rule }) => {
          const body: Record<string, string> = {};
          for (const arg of schema.required) body[arg] = 'x';
          // The other choices satisfied, so only this one is broken.
          for (const other of schema.oneOf ?? [])
            if (other !== rule && other.required) body[other.names[0]] = 'x';
          body[rule.names[0]] = 'x';
          body[rule.names[1]] = 'y';
          const result = await workspace.validate([
            {
              path: 'main.tf.json',
              content: JSON.stringify({
                terraform: {
                  required_providers: {
                    aws: { source: 'hashicorp/aws', version: '~> 5.80' },
                  },
                },
                resource: { [type]: { example: body } },
              }),
            },
          ]);
          expect(result.valid).toBe(false);
          expect(
            result.diagnostics.some(
              d =>
                /Invalid combination|Conflicting configuration/.test(
                  d.summary,
                ) && (d.detail ?? '').includes(rule.names[1]),
            ),
          ).toBe(true);
        },
      );
    });

    it('refuses what the real provider refuses (an inline route without its attributes)', async () => {
      const plan = planIntent(parseIntent(outcome), defaultPlatformConfig, {
        now: NOW_FOR_TESTS,
      });
      const tf = JSON.parse(
        renderBundle(plan, defaultPlatformConfig).files[0].content,
      );
      tf.resource.aws_route_table.public.route = [
        { cidr_block: '0.0.0.0/0', gateway_id: 'igw-0' },
      ];
      const result = await workspace.validate([
        { path: 'main.tf.json', content: JSON.stringify(tf) },
      ]);
      expect(result.valid).toBe(false);
      expect(result.diagnostics[0].detail).toMatch(/attribute "route"/);
    });
  },
);
