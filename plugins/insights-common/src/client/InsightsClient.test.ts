import { InsightsClient } from './InsightsClient';

describe('InsightsClient', () => {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const respond = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  let next: Response;
  const client = new InsightsClient({
    discoveryApi: { getBaseUrl: async id => `http://backend/api/${id}` },
    fetchApi: {
      fetch: async (input, init) => {
        calls.push({ url: String(input), init });
        return next;
      },
    },
  });

  beforeEach(() => {
    calls.length = 0;
  });

  it('sends metric queries as query parameters, leaving out what is unset', async () => {
    next = respond(200, { entityRef: 'component:default/a' });
    await client.getSummary({
      entityRef: 'component:default/a',
      timezone: 'Europe/Berlin',
    });
    expect(calls[0].url).toBe(
      'http://backend/api/insights/v1/metrics/summary?entity=component%3Adefault%2Fa&timezone=Europe%2FBerlin',
    );
  });

  it('posts events as a JSON batch with a token when given', async () => {
    next = respond(200, { inserted: 1 });
    await client.pushEvents(
      [
        {
          type: 'incident',
          source: 'api',
          id: 'i',
          detectedAt: '2026-01-01T00:00:00Z',
        },
      ],
      { token: 't0k' },
    );
    expect(calls[0].init).toMatchObject({
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: 'Bearer t0k',
      },
    });
    expect(JSON.parse(String(calls[0].init!.body)).events).toHaveLength(1);
  });

  it('asks for the ingestion health view with its range and bucket', async () => {
    next = respond(200, { range: {}, sources: [], unattributed: [] });
    const view = await client.getIngestionHealth({
      from: '2026-03-01',
      bucket: 'day',
    });
    expect(calls[0].url).toBe(
      'http://backend/api/insights/v1/ingestion/health?from=2026-03-01&bucket=day',
    );
    expect(view.unattributed).toEqual([]);
    next = respond(200, { range: {}, sources: [], unattributed: [] });
    await client.getIngestionHealth();
    expect(calls[1].url).toBe(
      'http://backend/api/insights/v1/ingestion/health',
    );
  });

  it('turns error responses into ResponseErrors carrying the backend message', async () => {
    // The body Backstage's error handler sends.
    next = respond(400, {
      error: { name: 'InputError', message: 'events[0].id is required' },
      request: { method: 'GET', url: '/api/insights/v1/changes' },
      response: { statusCode: 400 },
    });
    await expect(
      client.listChanges({ entityRef: 'component:default/a' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      body: { error: { message: 'events[0].id is required' } },
    });
  });
});
