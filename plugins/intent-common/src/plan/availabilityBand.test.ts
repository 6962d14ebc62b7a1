import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { NOW, outcomeIntent } from '../testing/intents';
import { availabilityBand } from './availabilityBand';
import { planIntent } from './planIntent';

describe('availabilityBand', () => {
  it.each([
    [90, 'single-zone'],
    [99.49, 'single-zone'],
    [99.5, 'multi-zone'],
    [99.9, 'multi-zone'],
    [99.949, 'multi-zone'],
    [99.95, 'multi-zone-replica'],
    [99.99, 'multi-zone-replica'],
    [99.9949, 'multi-zone-replica'],
    [99.995, 'multi-region'],
    [99.999, 'multi-region'],
  ])('%s %% is %s', (target, band) => {
    expect(availabilityBand(target)).toBe(band);
  });
});

describe('planIntent availability bands', () => {
  const planFor = (availability: number) =>
    planIntent(
      outcomeIntent({ sizing: { availability } }),
      defaultPlatformConfig,
      { now: NOW },
    );

  it('below 99.5 %: one zone, no standby, no replica', () => {
    const plan = planFor(99.4);
    expect(plan.availability).toEqual({
      band: 'single-zone',
      targetPercent: 99.4,
    });
    expect(plan.target).toMatchObject({ zones: 1, regions: ['eu-west-1'] });
    expect(plan.compute?.minInstances).toBeGreaterThanOrEqual(1);
    expect(plan.database).toMatchObject({
      multiZone: false,
      replicas: 0,
      pointInTimeRecovery: false,
    });
    expect(plan.cache).toMatchObject({ multiZone: false, replicas: 0 });
    // Load balancers and DB subnet groups still need two zones of subnets.
    expect(plan.network.zones).toHaveLength(2);
    expect(plan.network.natGateways).toBe(1);
  });

  it('99.5 % up to 99.95 %: multi-zone compute and database', () => {
    for (const availability of [99.5, 99.94]) {
      const plan = planFor(availability);
      expect(plan.availability.band).toBe('multi-zone');
      expect(plan.target.zones).toBe(2);
      expect(plan.compute?.minInstances).toBeGreaterThanOrEqual(2);
      expect(plan.database).toMatchObject({
        multiZone: true,
        replicas: 0,
        pointInTimeRecovery: false,
      });
      expect(plan.cache).toMatchObject({ multiZone: true, replicas: 1 });
      expect(plan.network.natGateways).toBe(2);
    }
  });

  it('99.95 % up to 99.995 %: adds a database replica and point-in-time recovery', () => {
    for (const availability of [99.95, 99.99]) {
      const plan = planFor(availability);
      expect(plan.availability.band).toBe('multi-zone-replica');
      expect(plan.target.zones).toBe(3);
      expect(plan.compute?.minInstances).toBeGreaterThanOrEqual(3);
      expect(plan.database).toMatchObject({
        multiZone: true,
        replicas: 1,
        pointInTimeRecovery: true,
      });
      expect(plan.target.regions).toEqual(['eu-west-1']);
    }
  });

  it('99.995 % and above: multi-region, paired within the same geography', () => {
    const plan = planFor(99.995);
    expect(plan.availability.band).toBe('multi-region');
    expect(plan.target.regions).toEqual(['eu-west-1', 'eu-central-1']);
    expect(plan.database).toMatchObject({
      multiZone: true,
      replicas: 1,
      pointInTimeRecovery: true,
    });
  });

  it('raises a multi-zone database to the smallest class used multi-zone', () => {
    const plan = planIntent(
      outcomeIntent({
        sizing: { expectedUsers: 100, dataGb: 1, availability: 99.9 },
      }),
      defaultPlatformConfig,
      { now: NOW },
    );
    expect(plan.database?.sizeClass).toBe('medium');
    const single = planIntent(
      outcomeIntent({
        sizing: { expectedUsers: 100, dataGb: 1, availability: 99 },
      }),
      defaultPlatformConfig,
      { now: NOW },
    );
    expect(single.database?.sizeClass).toBe('small');
  });
});
