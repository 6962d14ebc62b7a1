import { Entity } from '@backstage/catalog-model';
import {
  EntityDeliveryContent,
  EntityDoraCard,
  EntityTeamDeliveryCard,
  EntityTeamDeliveryContent,
  insightsApiRef,
  insightsPlugin,
  isInsightsAvailable,
  isTeamInsightsAvailable,
} from './index';

const entity = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'x' },
});

describe('legacy plugin', () => {
  it('registers the insights API', () => {
    expect(insightsPlugin.getId()).toBe('insights');
    expect([...insightsPlugin.getApis()].map(f => f.api.id)).toEqual([
      insightsApiRef.id,
    ]);
  });

  it('exports lazy components', () => {
    for (const component of [
      EntityDoraCard,
      EntityDeliveryContent,
      EntityTeamDeliveryCard,
      EntityTeamDeliveryContent,
    ]) {
      expect(typeof component).toBe('function');
    }
  });

  it('shows component views on every component, with or without data', () => {
    expect(isInsightsAvailable(entity('Component'))).toBe(true);
    expect(isInsightsAvailable(entity('Group'))).toBe(false);
    expect(isTeamInsightsAvailable(entity('Group'))).toBe(true);
    expect(isTeamInsightsAvailable(entity('System'))).toBe(true);
    expect(isTeamInsightsAvailable(entity('Component'))).toBe(false);
  });
});
