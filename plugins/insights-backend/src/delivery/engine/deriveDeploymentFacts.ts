import {
  DeploymentFacts,
  FailureReasonFact,
  IncidentLinkFact,
  TimelineDeployment,
  TimelineIncident,
} from './types';

const REWORK_TRIGGERS = new Set(['rollback', 'hotfix', 'revert']);

const compareText = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/** Finish order; the identity breaks ties, so the order does not depend on arrival. */
export function compareTimeline(a: TimelineDeployment, b: TimelineDeployment) {
  return (
    a.finishedAt - b.finishedAt ||
    compareText(a.source, b.source) ||
    compareText(a.externalId, b.externalId)
  );
}

/**
 * Links each incident to a deployment (docs/DESIGN.md, "Incident links"): the explicit `causedBy`
 * first (a named deployment, or the latest deployment of the named version or commit finished by
 * detection); otherwise the latest deployment that finished within `linkWindowMs` before detection,
 * marked inferred; otherwise none. An explicit cause Cairn cannot find is `unresolved` and is not
 * replaced by a guess.
 */
export function linkIncidents(
  sorted: TimelineDeployment[],
  incidents: TimelineIncident[],
  linkWindowMs: number,
): Map<number, IncidentLinkFact> {
  const links = new Map<number, IncidentLinkFact>();
  const ids = new Set(sorted.map(d => d.id));
  for (const incident of incidents) {
    const cause = incident.causedBy;
    if (cause) {
      let deploymentId: number | undefined;
      if (cause.deploymentId !== undefined) {
        deploymentId =
          cause.deploymentId !== null && ids.has(cause.deploymentId)
            ? cause.deploymentId
            : undefined;
      } else {
        const candidates = sorted.filter(
          d =>
            d.finishedAt <= incident.detectedAt &&
            ((cause.version && d.version === cause.version) ||
              (cause.commit && d.commit === cause.commit)),
        );
        deploymentId = candidates[candidates.length - 1]?.id;
      }
      links.set(
        incident.id,
        deploymentId === undefined
          ? { type: 'unresolved' }
          : { type: 'explicit', deploymentId },
      );
      continue;
    }
    let inferred: TimelineDeployment | undefined;
    for (const d of sorted) {
      if (d.finishedAt > incident.detectedAt) break;
      if (d.finishedAt >= incident.detectedAt - linkWindowMs) inferred = d;
    }
    links.set(
      incident.id,
      inferred
        ? { type: 'inferred', deploymentId: inferred.id }
        : { type: 'none' },
    );
  }
  return links;
}

/**
 * Per-deployment facts for one component and environment (docs/DESIGN.md, "Failed deployment",
 * "Failed deployment recovery time", "Deployment rework rate"):
 * - failed: result failure; or named by a later deployment's `fixes`, or, when `fixes` is absent,
 *   the deployment immediately before a rollback, hotfix or revert; or linked to an incident;
 * - recovery: from the failed deployment's finish to the latest resolution among its incidents, if
 *   it has any (unrecovered while one is open); otherwise to the finish of the next successful
 *   deployment that is not itself failed;
 * - rework: triggered as rollback, hotfix or revert, or carrying `fixesIncident`.
 */
export function deriveDeploymentFacts(
  deployments: TimelineDeployment[],
  incidents: TimelineIncident[],
  options: { linkWindowMs: number },
): {
  deployments: Map<number, DeploymentFacts>;
  incidents: Map<number, IncidentLinkFact>;
} {
  const sorted = [...deployments].sort(compareTimeline);
  const reasons = new Map<number, FailureReasonFact[]>(
    sorted.map(d => [d.id, []]),
  );
  const add = (id: number, reason: FailureReasonFact) =>
    reasons.get(id)?.push(reason);

  sorted.forEach((d, index) => {
    if (d.result === 'failure') add(d.id, { kind: 'result' });
    if (d.fixes) {
      if (d.fixes.deploymentId !== null) {
        add(d.fixes.deploymentId, {
          kind: 'fixed',
          byDeploymentId: d.id,
          trigger: d.trigger,
          explicit: true,
        });
      }
    } else if (REWORK_TRIGGERS.has(d.trigger) && index > 0) {
      add(sorted[index - 1].id, {
        kind: 'fixed',
        byDeploymentId: d.id,
        trigger: d.trigger,
        explicit: false,
      });
    }
  });

  const links = linkIncidents(sorted, incidents, options.linkWindowMs);
  const incidentsByDeployment = new Map<number, TimelineIncident[]>();
  for (const incident of incidents) {
    const link = links.get(incident.id)!;
    if (link.type === 'explicit' || link.type === 'inferred') {
      add(link.deploymentId, {
        kind: 'incident',
        incidentId: incident.id,
        inferred: link.type === 'inferred',
      });
      const list = incidentsByDeployment.get(link.deploymentId) ?? [];
      list.push(incident);
      incidentsByDeployment.set(link.deploymentId, list);
    }
  }

  // Walking backwards, remember the next successful deployment that is not itself failed.
  const facts = new Map<number, DeploymentFacts>();
  let nextGood: TimelineDeployment | undefined;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const d = sorted[i];
    const why = reasons.get(d.id)!;
    const failed = why.length > 0;
    let recoveredAt: number | null = null;
    if (failed) {
      const linked = incidentsByDeployment.get(d.id);
      if (linked) {
        recoveredAt = linked.every(x => x.resolvedAt !== null)
          ? Math.max(...linked.map(x => x.resolvedAt!))
          : null;
      } else {
        recoveredAt = nextGood ? nextGood.finishedAt : null;
      }
    }
    facts.set(d.id, {
      failed,
      reasons: why,
      recoveredAt,
      recoverySeconds:
        recoveredAt === null
          ? null
          : Math.max(0, Math.round((recoveredAt - d.finishedAt) / 1000)),
      rework: REWORK_TRIGGERS.has(d.trigger) || d.fixesIncident,
    });
    if (d.result === 'success' && !failed) nextGood = d;
  }
  return { deployments: facts, incidents: links };
}
