import { ConfigReader } from '@backstage/config';
import {
  builtInPolicyPack,
  defaultPlatformConfig,
  evaluateIntent,
  outcomeIntentYaml,
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
