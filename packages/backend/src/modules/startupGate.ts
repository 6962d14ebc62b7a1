import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { RequestHandler } from 'express';

/** How long a request that arrives during start-up waits before it is told to retry. */
const PAUSE_MS = 5000;

/**
 * The root HTTP router with a start-up gate: the server listens before the plugins have mounted their
 * routes, so an API call in the first seconds used to get an empty 404 (the route did not exist yet).
 * Until the backend has started, `/api` requests wait up to five seconds and then get 503 with
 * `Retry-After`, which clients and load balancers know to retry.
 */
export const rootHttpRouterWithStartupGate = rootHttpRouterServiceFactory({
  configure({ app, lifecycle, applyDefaults }) {
    let started = false;
    const waiting = new Set<() => void>();
    lifecycle.addStartupHook(() => {
      started = true;
      for (const release of waiting) release();
      waiting.clear();
    });
    const gate: RequestHandler = (_req, res, next) => {
      if (started) {
        next();
        return;
      }
      const timer = setTimeout(() => {
        waiting.delete(release);
        res.setHeader('Retry-After', '1');
        res.status(503).json({
          error: {
            name: 'ServiceUnavailableError',
            message: 'The portal backend is starting; retry in a second.',
          },
          response: { statusCode: 503 },
        });
      }, PAUSE_MS);
      function release() {
        clearTimeout(timer);
        next();
      }
      waiting.add(release);
    };
    app.use('/api', gate);
    applyDefaults();
  },
});

export default rootHttpRouterWithStartupGate;
