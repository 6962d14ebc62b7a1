import { ResponseError } from '@backstage/errors';
import { IntentClient } from './IntentClient';

describe('IntentClient', () => {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  let next: Response;
  const client = new IntentClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: async (input, init) => {
        calls.push({ url: String(input), init });
        return next;
      },
    },
  });
  const respond = (status: number, body: unknown) =>
    new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: {
        'Content-Type':
          typeof body === 'string' ? 'text/plain' : 'application/json',
      },
    });

  beforeEach(() => {
    calls.length = 0;
  });

  it('lists environments with its filters as query parameters, statuses joined by commas', async () => {
    next = respond(200, { items: [], totalCount: 0 });
    await client.listEnvironments({
      owner: 'group:default/checkout',
      status: ['awaiting-approval', 'active'],
      limit: 10,
    });
    expect(calls[0].url).toBe(
      'http://backend/api/intent/v1/environments?owner=group%3Adefault%2Fcheckout&status=awaiting-approval%2Cactive&limit=10',
    );
  });

  it('registers with a JSON body and the given token', async () => {
    next = respond(201, { environment: { id: 'e1' }, created: true });
    const result = await client.registerEnvironment(
      { intent: 'x', plannedAt: '2026-11-22T10:00:00Z', bundleSha256: 'ab' },
      { token: 't0k' },
    );
    expect(result.created).toBe(true);
    expect(calls[0].url).toBe('http://backend/api/intent/v1/environments');
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer t0k',
      },
    });
    expect(JSON.parse(String(calls[0].init!.body)).bundleSha256).toBe('ab');
  });

  it('provisions with a POST and fetches credentials with a GET, with the token', async () => {
    next = respond(200, { environmentId: 'e1', resources: [] });
    await client.provisionEnvironment('e1', { token: 't' });
    next = respond(200, { credentials: [{ service: 'postgres' }] });
    const result = await client.getEnvironmentCredentials('e1', {
      token: 't',
    });
    expect(result.credentials[0].service).toBe('postgres');
    expect(calls.map(c => [c.init?.method, c.url])).toEqual([
      ['POST', 'http://backend/api/intent/v1/environments/e1/provision'],
      ['GET', 'http://backend/api/intent/v1/environments/e1/credentials'],
    ]);
  });

  it('escapes ids in paths and reads files as text', async () => {
    next = respond(200, '# Plan for x\n');
    const text = await client.getEnvironmentFile(
      'a/b',
      'terraform/main.tf.json',
    );
    expect(text).toBe('# Plan for x\n');
    expect(calls[0].url).toBe(
      'http://backend/api/intent/v1/environments/a%2Fb/file?path=terraform%2Fmain.tf.json',
    );
    next = respond(200, { id: 'a/b' });
    await client.approveEnvironment('a/b', { reviewUrl: 'https://r/1' });
    expect(calls[1].url).toBe(
      'http://backend/api/intent/v1/environments/a%2Fb/approve',
    );
  });

  it("turns error responses into ResponseErrors carrying the backend's error", async () => {
    next = respond(403, {
      error: {
        name: 'NotAllowedError',
        message: 'Not allowed: intent.environment.approve',
      },
      request: {
        method: 'POST',
        url: '/api/intent/v1/environments/e1/approve',
      },
      response: { statusCode: 403 },
    });
    const failure = client.approveEnvironment('e1', {});
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      body: { error: { name: 'NotAllowedError' } },
    });
  });
});
