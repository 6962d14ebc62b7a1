import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { InsightsEventIngestor } from '@cairn/plugin-insights-node';
import express from 'express';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Router from 'express-promise-router';
import { GithubStateStore } from '../state/GithubStateStore';
import { GithubWebhookHandler } from './GithubWebhookHandler';
import { InvalidPayloadError } from './payloads';

/** Where GitHub posts, under the insights plugin: /api/insights/github/webhook. */
export const WEBHOOK_PATH = '/github/webhook';

/** GitHub caps webhook payloads at 25 MB. */
const MAX_PAYLOAD = '25mb';

const SIGNATURE = /^sha256=[0-9a-f]{64}$/;

/** GitHub's delivery ids are GUIDs and event names short words; anything longer is not GitHub. */
const DELIVERY_ID = /^[\x21-\x7e]{1,100}$/;
const EVENT_NAME = /^[a-z_]{1,64}$/;

/**
 * Whether `signature` is the HMAC-SHA256 of the raw body bytes under one of the secrets, compared in
 * constant time. GitHub signs the bytes it sent; `@octokit/webhooks-methods` signs a string, which a
 * body that is not valid UTF-8 cannot be turned back into, so the bytes are verified here.
 */
function signedBy(secrets: string[], body: Buffer, signature: string) {
  if (!SIGNATURE.test(signature) || body.length === 0) return false;
  const given = Buffer.from(signature.slice('sha256='.length), 'hex');
  let matched = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(body).digest();
    matched = timingSafeEqual(given, expected) || matched;
  }
  return matched;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The webhook route: signature first (X-Hub-Signature-256, HMAC-SHA256 over the raw body, compared in
 * constant time against every configured secret), then deduplication by X-GitHub-Delivery, then the
 * handler. Nothing else is opened: the route needs no Backstage credentials because the signature
 * authenticates GitHub.
 */
export function createWebhookRouter(options: {
  secrets: string[];
  store: GithubStateStore;
  /** Undefined until the insights backend has connected the source. */
  handler: () => GithubWebhookHandler | undefined;
  ingestor: () => InsightsEventIngestor | undefined;
  auditor: AuditorService;
  logger: LoggerService;
  now?: () => number;
}): express.Router {
  const router = Router();
  const now = () => options.now?.() ?? Date.now();

  router.post(
    WEBHOOK_PATH,
    express.raw({ type: () => true, limit: MAX_PAYLOAD }),
    async (req, res) => {
      const ingestor = options.ingestor();
      const handler = options.handler();
      const event = req.header('x-github-event') ?? '';
      const deliveryId = req.header('x-github-delivery') ?? '';
      // Refusals before the signature is verified write nothing (anyone can send them): GitHub's
      // delivery log shows the reason to whoever configured the webhook.
      const refuseUnverified = (status: number, reason: string) => {
        res.status(status).json({
          error: { name: 'WebhookRefused', message: reason },
        });
      };
      const refuse = async (status: number, reason: string) => {
        await ingestor?.recordOutcome({ outcome: 'rejected', reason });
        refuseUnverified(status, reason);
      };

      if (options.secrets.length === 0) {
        refuseUnverified(
          503,
          'The GitHub webhook is not configured: set insights.github.webhook.secret to the secret of the GitHub webhook (see the module README).',
        );
        return;
      }
      if (!ingestor || !handler) {
        res.setHeader('Retry-After', '5');
        res.status(503).json({
          error: {
            name: 'ServiceUnavailable',
            message: 'The insights backend is starting; GitHub retries later.',
          },
        });
        return;
      }

      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.header('x-hub-signature-256') ?? '';
      if (!signature) {
        refuseUnverified(
          401,
          'X-Hub-Signature-256 is missing: set a secret on the GitHub webhook',
        );
        return;
      }
      if (!signedBy(options.secrets, raw, signature)) {
        refuseUnverified(
          401,
          'X-Hub-Signature-256 does not match any configured secret',
        );
        return;
      }

      if (!EVENT_NAME.test(event) || !DELIVERY_ID.test(deliveryId)) {
        await refuse(
          400,
          'X-GitHub-Event (a lower-case event name) and X-GitHub-Delivery (at most 100 printable characters) headers are required',
        );
        return;
      }
      const contentType = req.header('content-type') ?? '';
      if (!contentType.startsWith('application/json')) {
        await refuse(
          415,
          `Content type ${
            contentType || 'none'
          }: set the GitHub webhook's content type to application/json`,
        );
        return;
      }
      if (await options.store.deliveries.has(deliveryId)) {
        const reason = `delivery ${deliveryId} (${event}) was already processed`;
        await ingestor.recordOutcome({ outcome: 'ignored', reason });
        res.json({ outcome: 'duplicate', reason });
        return;
      }

      const auditorEvent = await options.auditor.createEvent({
        eventId: 'github-webhook',
        severityLevel: 'medium',
        request: req,
        meta: { event, deliveryId },
      });
      try {
        let payload: unknown;
        try {
          payload = JSON.parse(utf8.decode(raw));
        } catch {
          throw new InvalidPayloadError('payload: must be JSON in UTF-8');
        }
        const result = await handler.handle(event, deliveryId, payload);
        if (result.outcome === 'ignored') {
          await ingestor.recordOutcome({
            outcome: 'ignored',
            reason: result.reason,
          });
        }
        await options.store.deliveries.record(deliveryId, event, now());
        await auditorEvent.success({ meta: { ...result } });
        res.json(result);
      } catch (error) {
        await auditorEvent.fail({ error: error as Error });
        // Invalid events are recorded by the ingestion path itself.
        if (error instanceof InvalidPayloadError) {
          await ingestor.recordOutcome({
            outcome: 'rejected',
            reason: `${error.message} (delivery ${deliveryId})`,
          });
        }
        options.logger.warn(
          `GitHub delivery ${deliveryId} (${event}) failed: ${
            (error as Error).message
          }`,
        );
        throw error;
      }
    },
  );

  return router;
}
