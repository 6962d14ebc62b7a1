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

/** Reading SLOs: their documents, status, history, rollups and rule export. */
export const insightsSlosReadPermission = createPermission({
  name: 'insights.slos.read',
  attributes: { action: 'read' },
});

/** Pushing OpenSLO documents and SLI data for a component's SLOs. */
export const insightsSlosPushPermission = createPermission({
  name: 'insights.slos.push',
  attributes: { action: 'create' },
});

/** Reading components' ownership reports (owner health, knowledge concentration as counts). */
export const insightsOwnershipReadPermission = createPermission({
  name: 'insights.ownership.read',
  attributes: { action: 'read' },
});

/**
 * Seeing individuals' names in ownership reports (who alone knows an area, who left). Members of the
 * owning team see them without it.
 */
export const insightsOwnershipPeopleReadPermission = createPermission({
  name: 'insights.ownership.people.read',
  attributes: { action: 'read' },
});

/** Reading scorecards: their rules, every entity's results and history, dry runs of drafts (nothing stored). */
export const insightsScorecardsReadPermission = createPermission({
  name: 'insights.scorecards.read',
  attributes: { action: 'read' },
});

/** The platform team's part of scorecards: granting and revoking exemptions. */
export const insightsScorecardsManagePermission = createPermission({
  name: 'insights.scorecards.manage',
  attributes: { action: 'update' },
});

/** Pushing results of external scorecard checks (security scanners, coverage). */
export const insightsScorecardsReportPermission = createPermission({
  name: 'insights.scorecards.report',
  attributes: { action: 'create' },
});

export const insightsPermissions = [
  insightsEventsCreatePermission,
  insightsSlosReadPermission,
  insightsSlosPushPermission,
  insightsOwnershipReadPermission,
  insightsOwnershipPeopleReadPermission,
  insightsMetricsReadPermission,
  insightsScorecardsReadPermission,
  insightsScorecardsManagePermission,
  insightsScorecardsReportPermission,
];
