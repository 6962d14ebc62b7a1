import { InputError } from '@backstage/errors';
import {
  insightsScorecardsManagePermission,
  insightsScorecardsReadPermission,
  insightsScorecardsReportPermission,
} from '@cairn/plugin-insights-common';
import {
  InsightsApiRouter,
  RouteContext,
  sendProblems,
  text,
} from '../shared/routes';
import { RulesRefusedError, ScorecardService } from './ScorecardService';

const entityOf = (query: Record<string, unknown>) => {
  const ref = text(query.entity);
  if (!ref)
    throw new InputError(
      'entity: is required (an entity reference such as component:default/checkout)',
    );
  return ref;
};

/**
 * The scorecards domain's routes (scorecards/openapi.yaml). Reading and dry runs (nothing stored) take
 * insights.scorecards.read; exemptions take insights.scorecards.manage (the platform team) and are
 * audited with who granted them; external results take insights.scorecards.report (scanners).
 */
export function addScorecardRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { scorecards: ScorecardService },
) {
  const { scorecards } = options;

  router.get('/v1/scorecards', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    res.json(await scorecards.definitions());
  });

  router.get('/v1/scorecards/results', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    res.json(await scorecards.results(entityOf(req.query)));
  });

  router.get('/v1/scorecards/rollup', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    const ref = text(req.query.entity);
    if (!ref)
      throw new InputError(
        'entity: is required (a group or system reference such as group:default/checkout)',
      );
    res.json(await scorecards.rollup(ref));
  });

  router.get('/v1/scorecards/history', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    const limit = req.query.limit === undefined ? 200 : Number(req.query.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new InputError('limit: must be an integer from 1 to 1000');
    res.json(await scorecards.history(entityOf(req.query), limit));
  });

  // On demand for one entity (after a fix, say): the same evaluation as the scheduled one.
  router.post('/v1/scorecards/evaluate', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    const ref = entityOf(req.query);
    await scorecards.evaluate([ref]);
    res.json(await scorecards.results(ref));
  });

  // Read-only (nothing is stored): whoever may read scorecards may try a draft.
  router.post('/v1/scorecards/dry-run', async (req, res) => {
    await context.authorize(req, insightsScorecardsReadPermission);
    const rules = (req.body as { rules?: unknown }).rules;
    if (typeof rules !== 'string' || !rules.trim())
      throw new InputError(
        'rules: is required (the draft rule file, as YAML text)',
      );
    try {
      res.json(await scorecards.dryRun(rules));
    } catch (error) {
      if (error instanceof RulesRefusedError) {
        sendProblems(req, res, error, error.problems);
        return;
      }
      throw error;
    }
  });

  // Scanners and coverage tools (services) push the results of the rules' external checks.
  router.post('/v1/scorecards/external-results', async (req, res) => {
    const auditorEvent = await context.auditor.createEvent({
      eventId: 'scorecard-external-results',
      severityLevel: 'low',
      request: req,
    });
    try {
      const credentials = await context.authorize(
        req,
        insightsScorecardsReportPermission,
      );
      const principal = credentials.principal as {
        userEntityRef?: string;
        subject?: string;
        type: string;
      };
      const outcome = await scorecards.reportExternal(
        req.body,
        principal.userEntityRef ?? principal.subject ?? principal.type,
      );
      await auditorEvent.success({
        meta: { accepted: String(outcome.accepted) },
      });
      res.json(outcome);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.post('/v1/scorecards/exemptions', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const auditorEvent = await context.auditor.createEvent({
      eventId: 'scorecard-exemption-grant',
      severityLevel: 'medium',
      request: req,
      meta: {
        entity: String(body.entity),
        scorecard: String(body.scorecard),
        check: String(body.check),
      },
    });
    try {
      const credentials = await context.authorize(
        req,
        insightsScorecardsManagePermission,
      );
      const principal = credentials.principal as {
        userEntityRef?: string;
        subject?: string;
        type: string;
      };
      for (const field of [
        'entity',
        'scorecard',
        'check',
        'reason',
        'expiresAt',
      ])
        if (typeof body[field] !== 'string')
          throw new InputError(`${field}: is required (a string)`);
      const exemption = await scorecards.exempt({
        entityRef: body.entity as string,
        scorecard: body.scorecard as string,
        checkId: body.check as string,
        reason: body.reason as string,
        expiresAt: body.expiresAt as string,
        grantedBy:
          principal.userEntityRef ?? principal.subject ?? principal.type,
      });
      await auditorEvent.success({ meta: { id: String(exemption.id) } });
      res.status(201).json({
        id: exemption.id,
        entityRef: exemption.entityRef,
        scorecard: exemption.scorecard,
        check: exemption.checkId,
        reason: exemption.reason,
        expiresAt: new Date(exemption.expiresAt).toISOString(),
        grantedBy: exemption.grantedBy,
      });
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });

  router.delete('/v1/scorecards/exemptions/:id', async (req, res) => {
    const auditorEvent = await context.auditor.createEvent({
      eventId: 'scorecard-exemption-revoke',
      severityLevel: 'medium',
      request: req,
      meta: { id: String(req.params.id) },
    });
    try {
      await context.authorize(req, insightsScorecardsManagePermission);
      const id = Number(req.params.id);
      if (!Number.isInteger(id) || id < 1)
        throw new InputError('id: must be an exemption id');
      await scorecards.revokeExemption(id);
      await auditorEvent.success();
      res.status(204).end();
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      throw error;
    }
  });
}
