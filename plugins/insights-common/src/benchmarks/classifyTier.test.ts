import { classifyTier } from './classifyTier';
import { dora2021, dora2023, dora2024 } from './doraBenchmarks';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('classifyTier', () => {
  it('places deployment days per week in the 2024 clusters', () => {
    expect(classifyTier(dora2024, 'deploymentFrequency', 5).tiers).toEqual([
      'elite',
    ]);
    expect(classifyTier(dora2024, 'deploymentFrequency', 4.99).tiers).toEqual([
      'high',
    ]);
    expect(classifyTier(dora2024, 'deploymentFrequency', 1).tiers).toEqual([
      'high',
    ]);
    expect(classifyTier(dora2024, 'deploymentFrequency', 0.5).tiers).toEqual([
      'medium',
    ]);
    expect(classifyTier(dora2024, 'deploymentFrequency', 0.1).tiers).toEqual([
      'low',
    ]);
    // Fewer than once per six months: the 2024 report has no cluster for it.
    const rare = classifyTier(dora2024, 'deploymentFrequency', 0.01);
    expect(rare.tiers).toEqual([]);
    expect(rare.reason).toMatch(/outside every cluster/);
  });

  it('reports overlapping clusters as they are', () => {
    // 2023: medium and low share "1 week – 1 month" for lead time.
    expect(classifyTier(dora2023, 'changeLeadTime', 10 * DAY)).toMatchObject({
      tiers: ['medium', 'low'],
      reportText: ['1 week – 1 month'],
    });
    // 2024: high and medium share "less than one day" for recovery.
    expect(classifyTier(dora2024, 'recoveryTime', 2 * HOUR).tiers).toEqual([
      'high',
      'medium',
    ]);
  });

  it('gives no tier in the gaps between 2021 clusters', () => {
    expect(classifyTier(dora2021, 'changeLeadTime', 30 * 60).tiers).toEqual([
      'elite',
    ]);
    const gap = classifyTier(dora2021, 'changeLeadTime', 5 * HOUR);
    expect(gap.tiers).toEqual([]);
    expect(gap.reason).toMatch(/gaps/);
  });

  it('rounds change fail rate to whole percentages in 2021', () => {
    expect(classifyTier(dora2021, 'changeFailRate', 0.152).tiers).toEqual([
      'elite',
    ]);
    expect(classifyTier(dora2021, 'changeFailRate', 0.158).tiers).toEqual([
      'high',
      'medium',
      'low',
    ]);
    expect(classifyTier(dora2021, 'changeFailRate', 0.4).tiers).toEqual([]);
  });

  it('never places a change fail rate under 2023 or 2024, and says why', () => {
    const result = classifyTier(dora2024, 'changeFailRate', 0.05);
    expect(result.tiers).toEqual([]);
    expect(result.reason).toMatch(/not ordered/);
    expect(classifyTier(dora2023, 'changeFailRate', 0.05).reason).toMatch(
      /not ranges/,
    );
  });

  it('has no tiers for rework rate or MTTR', () => {
    expect(classifyTier(dora2024, 'reworkRate', 0.1).reason).toMatch(
      /rework rate/,
    );
    expect(classifyTier(dora2024, 'mttr', 100).reason).toMatch(/MTTR/);
  });

  it('has nothing to place without a value', () => {
    expect(classifyTier(dora2024, 'changeLeadTime', null).tiers).toEqual([]);
  });
});
