import { IntentClient } from '@cairn/plugin-intent-common';
import { fakeBackend, FakeRouteHandler } from '@cairn/test-utils-web';

export { never, errorReply } from '@cairn/test-utils-web';

/**
 * The real `IntentClient` against a fake backend: each route of the intent API (`METHOD /path`, or
 * just `/path` for GET) answers from a handler; unknown routes answer 404. Requests are recorded.
 */
export function mockIntentBackend(routes: Record<string, FakeRouteHandler>) {
  const backend = fakeBackend('intent', routes);
  const client = new IntentClient(backend);
  return { client, requests: backend.requests };
}
