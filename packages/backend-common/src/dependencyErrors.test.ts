import { ResponseError } from '@backstage/errors';
import { callCatalog, DependencyUnavailableError } from './dependencyErrors';

/* The catalog's failures are a 503 with Retry-After; what the catalog answers about the request is not. */

const answered = (status: number) =>
  ResponseError.fromResponse(
    new Response(JSON.stringify({ error: { name: 'Error', message: 'x' } }), {
      status,
      headers: { 'Content-Type': 'application/json' },
    }),
  );

describe('callCatalog', () => {
  it('passes answers through', async () => {
    await expect(callCatalog(async () => 'entity')).resolves.toBe('entity');
  });

  it.each([500, 503, 401, 403])(
    'makes a %i from the catalog a dependency failure',
    async status => {
      const error = await answered(status);
      await expect(
        callCatalog(async () => {
          throw error;
        }),
      ).rejects.toBeInstanceOf(DependencyUnavailableError);
    },
  );

  it('makes an unreachable catalog a dependency failure', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    await expect(
      callCatalog(async () => {
        throw refused;
      }),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      retryAfterSeconds: 5,
    });
  });

  it('leaves other errors as they are', async () => {
    const notFound = await answered(404);
    await expect(
      callCatalog(async () => {
        throw notFound;
      }),
    ).rejects.toBe(notFound);
  });
});
