import { InputError } from '@backstage/errors';
import { explicitIntentYaml } from '../examples/exampleIntents';
import { parseIntent } from '../intent/parseIntent';
import { checkPlatformConfig } from '../platform/checkPlatformConfig';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { defaultPriceTable } from '../platform/priceTable';
import { planIntent } from '../plan/planIntent';
import { NOW, outcomeIntent } from '../testing/intents';
import { estimateCost } from './estimateCost';

const costOf = (intent = outcomeIntent(), config = defaultPlatformConfig) =>
  estimateCost(planIntent(intent, config, { now: NOW }), config);

describe('estimateCost', () => {
  it('prices every line from the table and adds them up', () => {
    const cost = costOf();
    expect(cost.priceTableVersion).toBe(defaultPriceTable.version);
    expect(cost.currency).toBe('USD');
    for (const line of cost.lines) {
      expect(line.monthlyLowUsd).toBeCloseTo(
        line.quantityLow * line.unitPriceUsd,
        1,
      );
      expect(line.monthlyHighUsd).toBeGreaterThanOrEqual(line.monthlyLowUsd);
    }
    const sum = cost.lines.reduce((s, l) => s + l.monthlyLowUsd, 0);
    expect(cost.totalLowUsd).toBeCloseTo(sum, 2);
    expect(cost.totalHighUsd).toBeGreaterThan(cost.totalLowUsd);
  });

  it('prices Fargate at the table rate: 2 instances × 2 vCPU × 730 h at the low end', () => {
    const vcpu = costOf().lines.find(l => l.sku === 'fargate:vcpu-hour')!;
    expect(vcpu.quantityLow).toBe(2 * 2 * 730);
    expect(vcpu.quantityHigh).toBe(6 * 2 * 730);
    expect(vcpu.unitPriceUsd).toBe(0.04048);
    expect(vcpu.monthlyLowUsd).toBe(118.2);
  });

  it('bills a multi-zone database as two instances with two copies of storage', () => {
    const lines = costOf().lines.filter(l => l.resource === 'database');
    expect(
      lines.find(l => l.sku === 'rds-postgres:db.m6g.xlarge')?.quantityLow,
    ).toBe(2 * 730);
    expect(lines.find(l => l.sku === 'rds:gp3-gb-month')?.quantityLow).toBe(
      150 * 2,
    );
  });

  it('estimates 10× and 100× the load, each costing more', () => {
    const cost = costOf();
    expect(cost.scales.map(s => s.loadFactor)).toEqual([10, 100]);
    expect(cost.scales[0].totalLowUsd).toBeGreaterThan(cost.totalLowUsd);
    expect(cost.scales[1].totalLowUsd).toBeGreaterThan(
      cost.scales[0].totalLowUsd,
    );
  });

  it('states its usage assumptions and whether prices are illustrative', () => {
    const cost = costOf();
    expect(cost.assumptions.join(' ')).toContain('730 hours per month');
    expect(cost.illustrative).toBe(true);
    const eu = cost.lines.find(l => l.sku === 'fargate:vcpu-hour')!;
    expect(eu.illustrative).toBe(true);
    const us = costOf(
      outcomeIntent({
        spec: {
          target: { provider: 'aws', runtime: 'managed', region: 'us-east-1' },
        },
      }),
    );
    expect(
      us.lines.find(l => l.sku === 'fargate:vcpu-hour')?.illustrative,
    ).toBe(false);
  });

  it('prices the Kubernetes runtime at the cluster rates, without load balancer or NAT', () => {
    const cost = costOf(parseIntent(explicitIntentYaml));
    const skus = cost.lines.map(l => l.sku);
    expect(skus).toEqual(
      expect.arrayContaining([
        'kubernetes:vcpu-hour',
        'kubernetes:memory-gb-hour',
      ]),
    );
    expect(skus.some(s => s.startsWith('container-apps'))).toBe(false);
    expect(skus.some(s => s.startsWith('nat') || s.startsWith('alb'))).toBe(
      false,
    );
    expect(
      cost.lines.find(l => l.sku === 'kubernetes:vcpu-hour')?.quantityLow,
    ).toBe(2 * 0.5 * 730);
  });

  it('prices a warm standby in the paired region for multi-region plans', () => {
    const cost = costOf(outcomeIntent({ sizing: { availability: 99.995 } }));
    expect(
      cost.lines.filter(l => l.region === 'eu-central-1').map(l => l.resource),
    ).toEqual(expect.arrayContaining(['compute', 'database']));
  });

  it.each(['aws', 'gcp', 'azure'] as const)(
    'prices every data service on %s',
    provider => {
      const region = {
        aws: 'eu-west-1',
        gcp: 'europe-west1',
        azure: 'westeurope',
      }[provider];
      const cost = costOf(
        outcomeIntent({
          spec: { target: { provider, runtime: 'managed', region } },
        }),
      );
      expect(new Set(cost.lines.map(l => l.resource))).toEqual(
        new Set([
          'compute',
          'database',
          'cache',
          'queue',
          'objectStorage',
          'cdn',
          ...(provider === 'azure' ? [] : ['loadBalancer']),
          ...(provider === 'aws' ? ['network'] : []),
        ]),
      );
    },
  );

  it('names the missing row when the table has no price', () => {
    const config = {
      ...defaultPlatformConfig,
      priceTable: {
        ...defaultPriceTable,
        rows: defaultPriceTable.rows.filter(r => r.sku !== 'alb:hour'),
      },
    };
    expect(() => costOf(outcomeIntent(), config)).toThrow(InputError);
    expect(() => costOf(outcomeIntent(), config)).toThrow(
      'no price for aws eu-west-1 alb:hour',
    );
  });
});

describe('checkPlatformConfig', () => {
  it('finds a price for every SKU the default catalog can select', () => {
    expect(checkPlatformConfig(defaultPlatformConfig)).toEqual([]);
  });

  it('reports SKUs without a price', () => {
    const config = {
      ...defaultPlatformConfig,
      priceTable: {
        ...defaultPriceTable,
        rows: defaultPriceTable.rows.filter(
          r => !(r.sku === 'memorystore:BASIC-5' && r.region === 'us-east1'),
        ),
      },
    };
    expect(checkPlatformConfig(config)).toEqual([
      'no price for gcp us-east1 memorystore:BASIC-5',
    ]);
  });

  it('gives every price row a source and a date', () => {
    for (const row of defaultPriceTable.rows) {
      expect(row.source).toMatch(/^https:\/\/|platform chargeback rate/);
      expect(row.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(row.usd).toBeGreaterThan(0);
    }
  });
});
