import { createPermission } from '@backstage/plugin-permission-common';

/** Pushing delivery events (REST batch, CDEvents, modules acting for a caller). */
export const insightsEventsCreatePermission = createPermission({
  name: 'insights.events.create',
  attributes: { action: 'create' },
});

/** Reading delivery metrics, rollups, drill-downs and coverage. */
export const insightsMetricsReadPermission = createPermission({
  name: 'insights.metrics.read',
  attributes: { action: 'read' },
});

export const insightsPermissions = [
  insightsEventsCreatePermission,
  insightsMetricsReadPermission,
];
