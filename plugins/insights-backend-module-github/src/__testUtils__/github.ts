import { sign } from '@octokit/webhooks-methods';
import examples from '@octokit/webhooks-examples';
import { randomUUID } from 'node:crypto';
import request from 'supertest';

type Server = Parameters<typeof request>[0];

/** Every example payload GitHub's community collected for an event. */
export function examplesOf(event: string): Array<Record<string, any>> {
  const found = (examples as Array<{ name: string; examples: unknown[] }>).find(
    w => w.name === event,
  );
  if (!found) throw new Error(`no examples for ${event}`);
  return found.examples as Array<Record<string, any>>;
}

/** An example payload, copied, as the template of a scenario's payload. */
export function template(event: string, action?: string): Record<string, any> {
  const found = examplesOf(event).find(
    e => action === undefined || e.action === action,
  );
  return structuredClone(found!);
}

/** A webhook delivery as GitHub sends it: JSON body, event and delivery headers, HMAC signature. */
export async function deliver(
  server: Server,
  event: string,
  payload: unknown,
  options: { secret?: string; id?: string; signature?: string | null } = {},
) {
  const body = JSON.stringify(payload);
  const req = request(server)
    .post('/api/insights/github/webhook')
    .set('Content-Type', 'application/json')
    .set('X-GitHub-Event', event)
    .set('X-GitHub-Delivery', options.id ?? randomUUID());
  if (options.signature !== null) {
    req.set(
      'X-Hub-Signature-256',
      options.signature ?? (await sign(options.secret ?? 'test-secret', body)),
    );
  }
  return req.send(body);
}
