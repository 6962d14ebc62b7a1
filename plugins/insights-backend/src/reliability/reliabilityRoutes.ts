import { InputError } from '@backstage/errors';
import {
  insightsSlosPushPermission,
  insightsSlosReadPermission,
} from '@cairn/plugin-insights-common';
import express from 'express';
import {
  AnyRequest,
  InsightsApiRouter,
  RouteContext,
  sendProblems,
  text,
} from '../shared/routes';
import {
  InvalidDocumentsError,
  ReliabilityService,
} from './ReliabilityService';

/**
 * The reliability domain's routes (reliability/openapi.yaml). Pushing documents and SLI data takes
 * insights.slos.push, reading insights.slos.read; pushes are audited.
 */
export function addReliabilityRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { reliability: ReliabilityService },
) {
  const { reliability } = options;

  const entity = (query: Record<string, unknown>) => {
    const ref = text(query.entity);
    if (!ref)
      throw new InputError(
        'entity: is required (a component reference such as component:default/checkout)',
      );
    return ref;
  };

  async function push<T extends object>(
    req: AnyRequest,
    res: express.Response,
    eventId: string,
    meta: Record<string, string>,
    run: (actor: string) => Promise<T>,
  ) {
    const auditorEvent = await context.auditor.createEvent({
      eventId,
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const credentials = await context.authorize(
        req,
        insightsSlosPushPermission,
      );
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
        subject?: string;
      };
      const result = await run(
        principal.userEntityRef ?? principal.subject ?? principal.type,
      );
      await auditorEvent.success({ meta: { ...meta } });
      res.json(result);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (error instanceof InvalidDocumentsError) {
        sendProblems(req, res, error, error.problems);
        return;
      }
      throw error;
    }
  }

  router.put('/v1/slos/documents', async (req, res) => {
    await push(
      req,
      res,
      'slo-documents-push',
      { entity: String(req.body.entity) },
      actor =>
        reliability.pushDocuments({
          entityRef: req.body.entity,
          content: req.body.content,
          actor,
        }),
    );
  });

  router.get('/v1/slos/documents', async (req, res) => {
    await context.authorize(req, insightsSlosReadPermission);
    res.json(await reliability.documents(entity(req.query)));
  });

  router.post('/v1/slos/sli', async (req, res) => {
    await push(
      req,
      res,
      'slo-sli-push',
      { entity: String(req.body.entity), slo: String(req.body.slo) },
      () =>
        reliability.pushSli({
          entityRef: req.body.entity,
          slo: req.body.slo,
          objective: req.body.objective,
          buckets: req.body.buckets,
        }),
    );
  });

  router.get('/v1/slos/status', async (req, res) => {
    await context.authorize(req, insightsSlosReadPermission);
    res.json(await reliability.status(entity(req.query), text(req.query.at)));
  });

  router.get('/v1/slos/rollup', async (req, res) => {
    await context.authorize(req, insightsSlosReadPermission);
    res.json(await reliability.rollup(entity(req.query), text(req.query.at)));
  });

  router.get('/v1/slos/history', async (req, res) => {
    await context.authorize(req, insightsSlosReadPermission);
    // The schema has checked it is an integer (and coerced it).
    const objective = req.query.objective as unknown;
    res.json(
      await reliability.history({
        entityRef: entity(req.query),
        slo: text(req.query.slo) ?? '',
        objective: objective === undefined ? undefined : Number(objective),
        from: text(req.query.from),
        to: text(req.query.to),
      }),
    );
  });

  router.get('/v1/slos/rules', async (req, res) => {
    await context.authorize(req, insightsSlosReadPermission);
    const yaml = await reliability.rules(
      entity(req.query),
      text(req.query.slo) ?? '',
    );
    res.type('application/yaml').send(yaml);
  });
}
