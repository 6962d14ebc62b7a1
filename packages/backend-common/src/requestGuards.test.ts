import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import { createErrorMiddleware } from './errorMiddleware';
import { jsonRequestGuards } from './requestGuards';

function app(route: express.RequestHandler) {
  const logger = mockServices.logger.mock();
  const server = express();
  server.use(...jsonRequestGuards({ limit: '1kb', maxDepth: 8 }));
  server.post('/echo', route);
  server.use(createErrorMiddleware({ logger }));
  // Backstage's own error handler answers, as in a real plugin router.
  server.use(
    MiddlewareFactory.create({
      config: new ConfigReader({}),
      logger,
    }).error(),
  );
  return { server, logger };
}

const echo: express.RequestHandler = (req, res) => {
  res.json({ body: req.body });
};

describe('jsonRequestGuards with the error middleware', () => {
  it('passes a good body through', async () => {
    const res = await request(app(echo).server)
      .post('/echo')
      .send({ a: [1, 'ü'] });
    expect(res.status).toBe(200);
    expect(res.body.body).toEqual({ a: [1, 'ü'] });
  });

  it('answers 415 naming the content type for a body that is not JSON', async () => {
    const res = await request(app(echo).server)
      .post('/echo')
      .set('Content-Type', 'text/plain')
      .send('{"a":1}');
    expect(res.status).toBe(415);
    expect(res.body.error.message).toBe(
      "content-type: must be application/json, not 'text/plain'",
    );
  });

  it('answers 400 naming body for JSON that does not parse', async () => {
    const res = await request(app(echo).server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^body: is not valid JSON/);
  });

  it('answers 413 over the limit, 400 for depth and lone surrogates', async () => {
    const { server } = app(echo);
    const big = await request(server)
      .post('/echo')
      .send({ a: 'x'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.body.error.message).toBe(
      'body: request entity too large; the limit is 1kb',
    );
    const deep = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send(`{"id":${'['.repeat(50)}${']'.repeat(50)}}`);
    expect(deep.status).toBe(400);
    expect(deep.body.error.message).toMatch(
      /^body\.id(\[0\])+: is nested more than 8 levels deep$/,
    );
    const lone = await request(server)
      .post('/echo')
      .set('Content-Type', 'application/json')
      .send('{"source":"\\ud800"}');
    expect(lone.status).toBe(400);
    expect(lone.body.error.message).toMatch(
      /^body\.source: must be well-formed/,
    );
  });

  it('hides unexpected errors behind a log reference, and cuts long caller messages', async () => {
    const failing = app(() => {
      throw new Error('connect to 10.1.2.3 with password hunter2 failed');
    });
    const res = await request(failing.server).post('/echo').send({});
    expect(res.status).toBe(500);
    expect(res.body.error.message).toMatch(
      /^An internal error occurred; the backend log has the details \(ref=[0-9a-f]{16}\)$/,
    );
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|10\.1\.2\.3|stack/);
    expect(failing.logger.error).toHaveBeenCalled();

    const verbose = app(() => {
      throw new InputError(`spec: ${'bad; '.repeat(100_000)}`);
    });
    const long = await request(verbose.server).post('/echo').send({});
    expect(long.status).toBe(400);
    expect(long.body.error.message.length).toBeLessThan(4100);
    expect(long.body.error.message).toMatch(/cut at 4000 characters\)$/);
  });
});

describe('validatorMessage', () => {
  it("puts the field path first, in Cairn's notation", () => {
    const { validatorMessage } = jest.requireActual('./errorMiddleware');
    expect(validatorMessage('request/body must be object')).toBe(
      'body: must be object',
    );
    expect(
      validatorMessage("request/body must have required property 'intent'"),
    ).toBe('body.intent: is required');
    expect(
      validatorMessage('request/body/spec/services/0 must be string'),
    ).toBe('body.spec.services[0]: must be string');
    expect(validatorMessage('request/query/limit must be integer')).toBe(
      'query.limit: must be integer',
    );
    expect(validatorMessage('status: not a status')).toBe(
      'status: not a status',
    );
  });
});

describe('query values', () => {
  it('are held to the same text rules as bodies', async () => {
    const res = await request(app(echo).server).get('/echo?owner=a%00b');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'query.owner: must not contain the NUL character (U+0000)',
    );
  });
});
