import { ConfigReader } from '@backstage/config';
import {
  builtInPolicyPack,
  defaultPlatformConfig,
  evaluateIntent,
  outcomeIntentYaml,
  renderBundle,
} from '@cairn/plugin-intent-common';
import { readPlatformConfig } from './readPlatformConfig';

const read = (platform: object) =>
  readPlatformConfig(new ConfigReader({ platform }));

describe('readPlatformConfig', () => {
  it("is Cairn's built-in data when nothing is configured, with a stable version", () => {
    const a = readPlatformConfig(undefined);
    expect(a.config).toEqual(defaultPlatformConfig);
    expect(a.version).toBe(readPlatformConfig(new ConfigReader({})).version);
    expect(a.overrides).toEqual({
      disabledPolicies: [],
      addedPolicies: [],
      changedParams: [],
      changedComplianceProfiles: [],
    });
  });

  it.each(['aws', 'gcp', 'azure'])(
    "plans a preview's database on %s as a share of the platform's server, within the preview cost limit",
    provider => {
      const platform = readPlatformConfig(
        new ConfigReader({
          provisioning: {
            kinds: {
              preview: { postgres: 'shared-postgres', redis: 'shared-redis' },
            },
          },
        }),
      );
      expect(platform.config.sharedServices).toEqual({
        preview: ['postgres', 'redis'],
      });
      const regions: Record<string, string> = {
        aws: 'eu-west-1',
        gcp: 'europe-west1',
        azure: 'westeurope',
      };
      // The preview template's intent, with a database.
      const intent = {
        apiVersion: 'cairn.dev/v1alpha1',
        kind: 'EnvironmentIntent',
        metadata: {
          name: 'pr-42',
          owner: 'group:default/checkout',
          costCentre: 'CC-1',
        },
        spec: {
          environment: 'preview',
          workload: { type: 'web-service' },
          services: ['postgres'],
          target: { provider, region: regions[provider] },
          sizing: {
            level: 'directional',
            instances: 1,
            size: 'small',
            database: 'small',
          },
          constraints: { ttlHours: 24 },
        },
      };
      const shared = evaluateIntent(intent, platform.config, {
        now: new Date('2026-12-01T00:00:00Z'),
      });
      expect(shared.plan.database).toMatchObject({
        placement: 'shared',
        replicas: 0,
        multiZone: false,
      });
      expect(shared.cost.lines.filter(l => l.resource === 'database')).toEqual([
        expect.objectContaining({
          sku: 'shared:postgres-database-month',
          description: "a database on the platform's shared PostgreSQL server",
        }),
      ]);
      expect(shared.policies.violations).toEqual([]);
      expect(shared.cost.totalHighUsd).toBeLessThanOrEqual(150);
      const files = renderBundle(shared.plan, platform.config).files[0].content;
      expect(files).not.toMatch(
        /aws_db_instance|google_sql_database_instance|azurerm_postgresql_flexible_server/,
      );
      expect(JSON.parse(files).output.shared_services.value).toEqual({
        postgres: "a database on the platform's shared PostgreSQL server",
      });
      // Without the platform's server, the same preview plans its own database and costs more.
      const own = evaluateIntent(intent, readPlatformConfig(undefined).config, {
        now: new Date('2026-12-01T00:00:00Z'),
      });
      expect(own.plan.database!.placement).toBeUndefined();
      expect(own.cost.totalLowUsd).toBeGreaterThan(shared.cost.totalLowUsd);
    },
  );

  it('takes regions, SKUs and prices from configuration, and refuses what does not fit, naming the field', () => {
    const region = {
      geography: 'eu',
      zones: ['eu-north-1a', 'eu-north-1b', 'eu-north-1c'],
      pair: 'eu-west-1',
    };
    const awsPrices = readPlatformConfig(undefined)
      .config.priceTable.rows.filter(
        r => r.provider === 'aws' && r.region === 'eu-west-1',
      )
      .map(r => ({ ...r, region: 'eu-north-1', usd: r.usd * 1.01 }));
    const result = read({
      sizeCatalog: {
        providers: {
          aws: {
            regions: { 'eu-north-1': region },
            databaseReplicaLimit: { replicas: 5, service: 'our RDS' },
          },
        },
      },
      priceRows: awsPrices,
    });
    const aws = result.config.sizeCatalog.providers.aws;
    expect(aws.regions['eu-north-1']).toEqual(region);
    expect(aws.regions['eu-west-1']).toEqual(
      defaultPlatformConfig.sizeCatalog.providers.aws.regions['eu-west-1'],
    );
    expect(aws.databaseReplicaLimit.replicas).toBe(5);
    expect(result.config.sizeCatalog.version).toMatch(/\+portal\.[0-9a-f]{8}$/);
    expect(result.config.priceTable.version).toMatch(/\+portal\.[0-9a-f]{8}$/);
    // The new region plans, prices and passes the EU residency guardrail.
    const { plan, cost, policies } = evaluateIntent(
      outcomeIntentYaml.replace('region: eu-west-1', 'region: eu-north-1'),
      result.config,
      { now: new Date('2026-12-01T00:00:00Z'), requester: 'user:default/ada' },
    );
    expect(plan.target.regions).toEqual(['eu-north-1']);
    expect(cost.lines.every(l => l.region === 'eu-north-1')).toBe(true);
    expect(
      policies.results.find(r => r.policyId === 'gdpr-eu-regions')!.status,
    ).toBe('pass');

    // A region without prices, a bad field, a pair elsewhere: refused at start-up with the field.
    expect(() =>
      read({
        sizeCatalog: {
          providers: { aws: { regions: { 'eu-north-1': region } } },
        },
      }),
    ).toThrow(/no price for aws eu-north-1 fargate:vcpu-hour/);
    expect(() =>
      read({
        sizeCatalog: {
          providers: {
            aws: {
              regions: { 'eu-north-1': { ...region, geography: 'mars' } },
            },
          },
        },
      }),
    ).toThrow(
      /^intent\.platform\.sizeCatalog\.providers\.aws\.regions\.eu-north-1\.geography: /,
    );
    expect(() =>
      read({
        sizeCatalog: {
          providers: {
            aws: {
              regions: { 'eu-north-1': { ...region, pair: 'us-east-1' } },
            },
          },
        },
      }),
    ).toThrow(
      /regions\.eu-north-1\.pair: must be another aws region in the same geography \(eu\)/,
    );
    expect(() => read({ priceRows: [{ provider: 'aws', sku: 'x' }] })).toThrow(
      /^intent\.platform\.priceRows\.0\.region: /,
    );
  });

  it("replaces a compliance profile with the platform team's, which then changes plans", () => {
    const result = read({
      complianceProfiles: {
        soc2: {
          controls: [
            { control: 'backup-retention', minDays: 35 },
            { control: 'tags' },
          ],
        },
      },
    });
    expect(result.config.complianceProfiles.soc2).toEqual({
      description: defaultPlatformConfig.complianceProfiles.soc2.description,
      controls: [
        { control: 'backup-retention', minDays: 35 },
        { control: 'tags' },
      ],
    });
    expect(result.config.complianceProfiles.hipaa).toEqual(
      defaultPlatformConfig.complianceProfiles.hipaa,
    );
    expect(result.overrides.changedComplianceProfiles).toEqual(['soc2']);
    expect(result.version).not.toBe(readPlatformConfig(undefined).version);
    const { plan } = evaluateIntent(outcomeIntentYaml, result.config, {
      now: new Date('2026-12-01T00:00:00Z'),
    });
    expect(plan.database!.backupRetentionDays).toBe(35);
    expect(() =>
      read({
        complianceProfiles: {
          soc2: { controls: [{ control: 'backup-retention', minDays: 0 }] },
        },
      }),
    ).toThrow(
      /^intent\.platform\.complianceProfiles\.soc2\.controls\.0\.minDays: /,
    );
    expect(() =>
      read({
        complianceProfiles: { pci: { controls: [{ control: 'tags' }] } },
      }),
    ).toThrow(/^intent\.platform\.complianceProfiles\.pci/);
  });

  it('turns policies off, merges parameters key by key, adds policies, and versions the result', () => {
    const result = read({
      disabledPolicies: ['budget-headroom'],
      policyParams: { 'cost-limit': { limits: { prod: 1000 } } },
      extraPolicies: [
        {
          id: 'eu-only',
          description: 'Everything runs in the EU',
          severity: 'deny',
          expression: "plan.target.regions.all(r, r.startsWith('eu'))",
          message: 'Use an EU region',
        },
      ],
    });
    const ids = result.config.policyPack.policies.map(p => p.id);
    expect(ids).not.toContain('budget-headroom');
    expect(ids[ids.length - 1]).toBe('eu-only');
    expect(
      result.config.policyPack.policies.find(p => p.id === 'cost-limit')!
        .params,
    ).toEqual({
      limits: { preview: 150, dev: 400, staging: 2000, prod: 1000 },
    });
    expect(result.config.policyPack.version).toMatch(
      new RegExp(`^${builtInPolicyPack.version}\\+portal\\.[0-9a-f]{8}$`),
    );
    expect(result.version).not.toBe(readPlatformConfig(undefined).version);
    // The lower production limit now blocks the example.
    const { policies } = evaluateIntent(outcomeIntentYaml, result.config, {
      now: new Date('2026-11-22T10:00:00Z'),
      requester: 'user:default/ada',
    });
    expect(policies.violations.map(v => v.policyId)).toEqual(['cost-limit']);
  });

  it('refuses at start-up what cannot work, naming the setting', () => {
    expect(() => read({ disabledPolicies: ['no-such'] })).toThrow(
      /intent\.platform\.disabledPolicies: 'no-such'/,
    );
    expect(() => read({ policyParams: { 'no-such': { a: 1 } } })).toThrow(
      /intent\.platform\.policyParams\.no-such/,
    );
    const policy = {
      id: 'broken',
      description: 'x',
      severity: 'deny',
      message: 'x',
    };
    expect(() =>
      read({ extraPolicies: [{ ...policy, expression: 'plan.(' }] }),
    ).toThrow(/intent\.platform: policy broken does not compile/);
    expect(() =>
      read({
        extraPolicies: [{ ...policy, severity: 'fatal', expression: 'true' }],
      }),
    ).toThrow(/severity/);
    expect(() =>
      read({
        extraPolicies: [{ ...policy, id: 'cost-limit', expression: 'true' }],
      }),
    ).toThrow(/'cost-limit' is used twice/);
    expect(() =>
      readPlatformConfig(undefined, {
        ...defaultPlatformConfig,
        priceTable: { ...defaultPlatformConfig.priceTable, rows: [] },
      }),
    ).toThrow(/does not fit together: no price for aws/);
  });
});
