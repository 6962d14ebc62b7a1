import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { signInAsGuest, startDemoBackend } from './__testUtils__/demoBackend';
import exampleRepositories from './modules/exampleRepositories';

jest.setTimeout(120_000);

const BASE = 'https://git.cairn.example/repositories';

/**
 * Intent inference over HTTP on the real backend: the example repositories read through the portal's
 * URL readers (the demo's reader, as fetch:plain reads them), signed in as the guest.
 */
describe('POST /api/intent/v1/inference', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cairn-inference-'));
  let backend: Awaited<ReturnType<typeof startDemoBackend>>;
  let token: string;
  // A Git host that fails: every request answers 502.
  let failingHost: Server;

  beforeAll(async () => {
    failingHost = createServer((_req, res) => res.writeHead(502).end());
    await new Promise<void>(r => failingHost.listen(0, '127.0.0.1', r));
    const { port } = failingHost.address() as AddressInfo;
    backend = await startDemoBackend({
      database: { sqliteDirectory: directory },
      config: {
        integrations: {
          github: [
            {
              host: 'git.failing.example',
              apiBaseUrl: `http://127.0.0.1:${port}/api/v3`,
              rawBaseUrl: `http://127.0.0.1:${port}/raw`,
            },
          ],
        },
        cairn: {
          exampleRepositories: {
            baseUrl: BASE,
            directory: resolve(__dirname, '../../../examples/repositories'),
          },
        },
      },
      features: [exampleRepositories],
    });
    token = (await signInAsGuest(backend.server)).token;
  });
  afterAll(async () => {
    await backend?.stop();
    await new Promise(r => failingHost?.close(r));
    rmSync(directory, { recursive: true, force: true });
  });

  const infer = (body: unknown, auth = true) => {
    const req = request(backend.server).post('/api/intent/v1/inference');
    return (auth ? req.set('Authorization', `Bearer ${token}`) : req).send(
      body as object,
    );
  };

  it('proposes the intent of a repository, each field with its sources', async () => {
    const res = await infer({ url: `${BASE}/orders-spring` });
    expect(res.status).toBe(200);
    expect(res.body.workloadType).toMatchObject({ value: 'web-service' });
    expect(res.body.port).toMatchObject({ value: 8080, confidence: 'high' });
    expect(res.body.services.map((s: { value: string }) => s.value)).toEqual([
      'postgres',
    ]);
    expect(res.body.services[0].sources[0]).toEqual({
      file: 'pom.xml',
      line: 32,
      excerpt: '<artifactId>postgresql</artifactId>',
    });
    expect(res.body.unknowns).toEqual(['target.provider', 'target.region']);
  });

  it('answers 404 for no repository, 400 naming url for one the portal cannot read, 401 without a token', async () => {
    const missing = await infer({ url: `${BASE}/no-such-repository` });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/^url: no repository at /);

    const unreadable = await infer({ url: 'https://unknown.example/x/y' });
    expect(unreadable.status).toBe(400);
    expect(unreadable.body.error.message).toMatch(
      /^url: the portal cannot read https:\/\/unknown\.example\/x\/y/,
    );

    const notHttp = await infer({ url: 'file:///etc/passwd' });
    expect(notHttp.status).toBe(400);
    expect(notHttp.body.error.message).toMatch(/url/);

    // A URL normalises its dots away: this one is outside the example repositories' base.
    const escape = await infer({ url: `${BASE}/../../../etc` });
    expect(escape.status).toBe(400);
    const encoded = await infer({ url: `${BASE}/%2e%2e%2f%2e%2e%2fetc` });
    expect(encoded.status).toBe(400);

    const extra = await infer({ url: `${BASE}/cart-node`, ref: 'main' });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/additional properties/);

    expect((await infer({ url: `${BASE}/cart-node` }, false)).status).toBe(401);
  });

  it('answers 503 with Retry-After when the Git host fails, not a 500', async () => {
    const res = await infer({
      url: 'https://git.failing.example/shop/orders/tree/main',
    });
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body.error.message).toMatch(
      /^Reading https:\/\/git\.failing\.example\/shop\/orders\/tree\/main failed/,
    );
  });
});
