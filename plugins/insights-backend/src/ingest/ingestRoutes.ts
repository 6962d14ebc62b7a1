import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { insightsEventsCreatePermission } from '@cairn/plugin-insights-common';
import { JsonObject } from '@backstage/types';
import express from 'express';
import { AnyRequest, InsightsApiRouter, RouteContext } from '../shared/routes';
import { CdeventsService } from './cdevents/CdeventsService';
import {
  API_SOURCE,
  IngestionService,
  InvalidEventsError,
} from './IngestionService';

/** How many invalid events a 400 lists; the rest are counted. */
const MAX_LISTED_PROBLEMS = 100;

/** The ingest domain's routes: the REST batch and CDEvents (ingest/openapi.yaml). */
export function addIngestRoutes(
  router: InsightsApiRouter,
  context: RouteContext,
  options: { ingestion: IngestionService; cdevents: CdeventsService },
) {
  const { ingestion, cdevents } = options;

  /** The ingestion routes' common part: credentials, permission, audit, and 400 with every invalid event. */
  async function ingestRoute(
    req: AnyRequest,
    res: express.Response,
    meta: JsonObject,
    ingest: (actor: string) => Promise<JsonObject>,
  ) {
    const credentials = await context.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const auditorEvent = await context.auditor.createEvent({
      eventId: 'events-ingest',
      severityLevel: 'medium',
      request: req,
      meta,
    });
    try {
      const [decision] = await context.permissions.authorize(
        [{ permission: insightsEventsCreatePermission }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed: ${insightsEventsCreatePermission.name}`,
        );
      }
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
        subject?: string;
      };
      const counts = await ingest(
        principal.userEntityRef ?? principal.subject ?? principal.type,
      );
      await auditorEvent.success({ meta: counts });
      res.json(counts);
    } catch (error) {
      await auditorEvent.fail({ error: error as Error });
      if (error instanceof InvalidEventsError) {
        res.status(400).json({
          error: { name: error.name, message: error.message },
          request: { method: req.method, url: req.originalUrl },
          response: { statusCode: 400 },
          // Bounded: a batch of thousands of invalid events answers with the first hundred.
          invalidEvents: error.invalidEvents.slice(0, MAX_LISTED_PROBLEMS),
          ...(error.invalidEvents.length > MAX_LISTED_PROBLEMS
            ? {
                moreInvalidEvents:
                  error.invalidEvents.length - MAX_LISTED_PROBLEMS,
              }
            : {}),
        });
        return;
      }
      throw error;
    }
  }

  router.post('/v1/events', async (req, res) => {
    const body = req.body as { events?: unknown } | undefined;
    const events = Array.isArray(body?.events) ? body!.events : undefined;
    await ingestRoute(
      req,
      res,
      { events: events?.length ?? 0 },
      async actor => {
        const problem =
          !body || typeof body !== 'object' || Array.isArray(body)
            ? 'body: must be a JSON object { "events": [...] }'
            : Object.keys(body)
                .filter(k => k !== 'events')
                .map(k => `'${k}'`)
                .join(', ');
        if (problem) {
          const message = problem.startsWith('body:')
            ? problem
            : `body: unknown field ${problem}`;
          await ingestion.recordOutcome(API_SOURCE, {
            outcome: 'rejected',
            reason: message,
          });
          throw new InputError(message);
        }
        return ingestion.ingest(body!.events, { actor, source: API_SOURCE });
      },
    );
  });

  router.post('/v1/cdevents', async (req, res) => {
    await ingestRoute(req, res, { format: 'cdevents' }, actor =>
      cdevents.receive(
        {
          headers: req.headers,
          body: typeof req.body === 'string' ? req.body : '',
        },
        { actor },
      ),
    );
  });
}
