import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { APIRequestContext, expect, test } from '@playwright/test';
import { Client } from 'pg';

/*
 * Self-service environments through the running portal's real APIs: a scaffolder task from each example
 * template, followed to completion; the registered environment with the workspace outputs it keeps; its
 * catalog Resource; then a preview environment torn down early, expired by the scheduled task, and gone
 * from the catalog. The preview's database is provisioned on the machine's PostgreSQL (scripts/start
 * configures it): the test connects with the credentials the API gives its owner, and sees it dropped
 * after the teardown. Times from submitting a template to the registered environment and to a healthy
 * database are written to artifacts/intent-e2e-timings.json.
 */
const backend = process.env.CAIRN_BACKEND_URL ?? 'http://localhost:7007';
// Names must be unique among live environments; the e2e data folder may outlive a run.
const run = Date.now().toString(36).slice(-6);
/** Milliseconds, by what was measured. */
const timings: Record<string, number> = {};
/** Every environment this run registered, torn down at the end so no database is left behind. */
const registered: string[] = [];

type Environment = {
  id: string;
  name: string;
  environment: string;
  status: string;
  owner: string;
  requester: string;
  taskId?: string;
  createdAt: string;
  expiresAt?: string;
  bundleSha256: string;
  files: Array<{ path: string; sha256: string; bytes: number }>;
  bundleManifest: {
    sha256: string;
    files: Array<{ path: string; sha256: string }>;
  };
  planMarkdown: string;
  history: Array<{ type: string; toStatus: string }>;
  revision?: number;
  resources: Array<{
    service: string;
    provisioner?: string;
    state: string;
    detail?: string;
    host?: string;
    port?: number;
    database?: string;
    checkedAt?: string;
  }>;
  teardownPlan?: { reason: string; steps: string[]; resources: string[] };
};

let token: string;
let api: APIRequestContext;

const headers = () => ({ Authorization: `Bearer ${token}` });
const sha256 = (text: string | Buffer) =>
  createHash('sha256').update(text).digest('hex');

async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 90_000,
  intervalMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, intervalMs));
  }
}

async function getJson(path: string) {
  const res = await api.get(`${backend}${path}`, { headers: headers() });
  return {
    status: res.status(),
    body: res.ok() ? await res.json() : await res.text(),
  };
}

/** Submits a template, follows its task to the end, and returns the task and what it registered. */
async function runTemplate(
  template: string,
  values: Record<string, unknown>,
  label: string,
) {
  const submitted = Date.now();
  const created = await api.post(`${backend}/api/scaffolder/v2/tasks`, {
    headers: headers(),
    data: { templateRef: `template:default/${template}`, values },
  });
  expect(created.status()).toBe(201);
  const { id: taskId } = await created.json();
  const task = await poll(`task ${taskId}`, async () => {
    const { body } = await getJson(`/api/scaffolder/v2/tasks/${taskId}`);
    return ['completed', 'failed', 'cancelled'].includes(body.status)
      ? body
      : undefined;
  });
  const completed = Date.now();
  const events = (await getJson(`/api/scaffolder/v2/tasks/${taskId}/events`))
    .body as Array<{ type: string; body: { message?: string; output?: any } }>;
  // On failure the task log is in the diff.
  const log = events.map(e => e.body.message).join('\n');
  expect(task.status, log).toBe('completed');
  const list = (
    await getJson(
      `/api/intent/v1/environments?owner=${encodeURIComponent(
        String(values.owner),
      )}&limit=500`,
    )
  ).body as { items: Environment[] };
  // A change keeps the environment (and the task that registered it): found by its name.
  const summary = list.items.find(e =>
    values.change
      ? e.name === values.name && e.environment === values.environment
      : e.taskId === taskId,
  );
  expect(summary).toBeDefined();
  const environment = (
    await getJson(`/api/intent/v1/environments/${summary!.id}`)
  ).body as Environment;
  timings[`${label}: submitted → registered`] =
    new Date(environment.createdAt).getTime() - submitted;
  timings[`${label}: submitted → task completed`] = completed - submitted;
  if (!registered.includes(environment.id)) registered.push(environment.id);
  const completion = events.find(e => e.type === 'completion');
  return {
    taskId,
    environment,
    output: completion?.body.output,
    submitted,
    log: JSON.stringify(events),
  };
}

/** The registry keeps every workspace output, and the bundle's files match its manifest. */
async function expectWorkspaceOutputs(environment: Environment) {
  expect(environment.files.map(f => f.path)).toEqual(
    expect.arrayContaining([
      'PLAN.md',
      'bundle-manifest.json',
      'cost.json',
      'intent.yaml',
      'plan.json',
      'policy-report.json',
      'terraform/main.tf.json',
    ]),
  );
  for (const file of environment.files) {
    const res = await api.get(
      `${backend}/api/intent/v1/environments/${
        environment.id
      }/file?path=${encodeURIComponent(file.path)}`,
      { headers: headers() },
    );
    expect(res.status()).toBe(200);
    expect([file.path, sha256(await res.body())]).toEqual([
      file.path,
      file.sha256,
    ]);
  }
  for (const listed of environment.bundleManifest.files) {
    expect(environment.files).toContainEqual(
      expect.objectContaining({ path: listed.path, sha256: listed.sha256 }),
    );
  }
  expect(environment.bundleSha256).toBe(environment.bundleManifest.sha256);
  expect(environment.planMarkdown).toMatch(/## Cost per month/);
  expect(environment.planMarkdown).toMatch(/\| 100× \|/);
}

async function catalogResource(name: string) {
  return getJson(`/api/catalog/entities/by-name/resource/default/${name}`);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright }) => {
  api = await playwright.request.newContext();
  const auth = await api.get(`${backend}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  token = (await auth.json()).backstageIdentity.token;
});

test.afterAll(async () => {
  // Live environments of this run end now; the expiry run drops their databases.
  for (const id of registered) {
    await api.post(`${backend}/api/intent/v1/environments/${id}/teardown`, {
      headers: headers(),
      data: {},
    });
  }
  for (const id of registered) {
    await poll(`the teardown of ${id}`, async () => {
      const { body } = await getJson(`/api/intent/v1/environments/${id}`);
      return (body as Environment).resources.every(r =>
        ['torn-down', 'awaiting-provisioner'].includes(r.state),
      ) && body.status === 'expired'
        ? true
        : undefined;
    });
  }
  mkdirSync('artifacts', { recursive: true });
  writeFileSync(
    'artifacts/intent-e2e-timings.json',
    `${JSON.stringify(timings, null, 2)}\n`,
  );
  await api.dispose();
});

const checkout = {
  owner: 'group:default/checkout',
  system: 'system:default/checkout',
  costCentre: 'CC-4711',
};

/** The web-service template's form for this run's dev environment (registered, then changed). */
const webDev = {
  ...checkout,
  name: `web-${run}`,
  environment: 'dev',
  expectedUsers: 1000,
  growth: 'stable',
  availability: 99,
  p95LatencyMs: 400,
  services: ['postgres'],
  provider: 'aws',
  region: 'eu-west-1',
  dataResidency: 'eu',
};

test('"Environment for a web service" plans, writes the files and registers a dev environment as a catalog Resource', async () => {
  const values = webDev;
  const { environment, output } = await runTemplate(
    'web-service-environment',
    values,
    'web service (dev)',
  );
  expect(environment).toMatchObject({
    name: `web-${run}`,
    environment: 'dev',
    status: 'active',
    owner: 'group:default/checkout',
    requester: 'user:default/ada.okafor',
  });
  await expectWorkspaceOutputs(environment);
  expect(output.links[0].entityRef).toBe(`resource:default/web-${run}-dev`);

  // The template editor's dry run is the plan preview: the same files. A dev environment lives a week
  // from when it is planned, so the two runs differ only in that time and in the hashes over it.
  const template = (
    await getJson(
      '/api/catalog/entities/by-name/template/default/web-service-environment',
    )
  ).body;
  const dryRun = await api.post(`${backend}/api/scaffolder/v2/dry-run`, {
    headers: headers(),
    data: { template, values, secrets: {}, directoryContents: [] },
  });
  expect(dryRun.status()).toBe(200);
  const preview = (await dryRun.json()) as {
    directoryContents: Array<{ path: string; base64Content: string }>;
  };
  const timeless = (text: string) =>
    text
      .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>')
      .replace(/[0-9a-f]{64}/g, '<sha256>');
  const previewed = Object.fromEntries(
    preview.directoryContents.map(f => [
      f.path,
      timeless(Buffer.from(f.base64Content, 'base64').toString('utf8')),
    ]),
  );
  expect(environment.expiresAt).toBeDefined();
  for (const file of environment.files) {
    const stored = await api.get(
      `${backend}/api/intent/v1/environments/${
        environment.id
      }/file?path=${encodeURIComponent(file.path)}`,
      { headers: headers() },
    );
    expect([file.path, previewed[file.path]]).toEqual([
      file.path,
      timeless(await stored.text()),
    ]);
  }

  const resource = await poll('the catalog Resource', async () => {
    const res = await catalogResource(`web-${run}-dev`);
    return res.status === 200 ? res.body : undefined;
  });
  timings['web service (dev): registered → in the catalog'] =
    Date.now() - new Date(environment.createdAt).getTime();
  expect(resource.spec).toMatchObject({
    type: 'environment',
    owner: 'group:default/checkout',
    system: 'system:default/checkout',
  });
  expect(resource.metadata.annotations['cairn.dev/environment-id']).toBe(
    environment.id,
  );
});

/** Runs SQL with the real psql client as the environment's own login; rows as `a|b` lines. */
const psql = (connectionString: string, sql: string) =>
  execFileSync(
    'psql',
    [connectionString, '-v', 'ON_ERROR_STOP=1', '-X', '-At', '-c', sql],
    { encoding: 'utf8', timeout: 20_000 },
  ).trim();

test('"Change this environment": a day-2 change of the dev environment is its next version, applied in place; its database keeps its table and takes the new size', async () => {
  const values = webDev;
  const before = (
    await getJson(
      `/api/intent/v1/environments?owner=${encodeURIComponent(
        checkout.owner,
      )}&status=active&environment=dev&limit=500`,
    )
  ).body.items.find((e: Environment) => e.name === values.name) as Environment;
  expect(before).toBeDefined();
  const login = (
    await getJson(`/api/intent/v1/environments/${before.id}/credentials`)
  ).body.credentials.find((c: { service: string }) => c.service === 'postgres');
  psql(
    login.connectionString,
    "CREATE TABLE orders (id int PRIMARY KEY, item text); INSERT INTO orders VALUES (1, 'tea'), (2, 'cake')",
  );
  expect(
    psql(
      login.connectionString,
      'SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user',
    ),
  ).toBe('20');

  // The same template, its values as the environment page prefills them, with eight times the users.
  const { environment, log } = await runTemplate(
    'web-service-environment',
    { ...values, expectedUsers: 8000, change: true },
    'web service (day-2 change)',
  );
  expect(environment.id).toBe(before.id);
  expect(environment).toMatchObject({ status: 'active', revision: 2 });
  expect(log).toMatch(/Changes environment .* from version 1/);
  const versions = (
    await getJson(`/api/intent/v1/environments/${before.id}/revisions`)
  ).body as {
    items: Array<{
      revision: number;
      status: string;
      diff?: {
        services: { kept: string[] };
        sizes: Array<{ path: string; from?: unknown; to?: unknown }>;
      };
    }>;
  };
  expect(versions.items.map(v => [v.revision, v.status])).toEqual([
    [2, 'applied'],
    [1, 'applied'],
  ]);
  const diff = versions.items[0].diff!;
  expect(diff.services.kept).toEqual(['postgres']);
  const plan = JSON.parse(
    await (
      await api.get(
        `${backend}/api/intent/v1/environments/${before.id}/file?path=plan.json`,
        { headers: headers() },
      )
    ).text(),
  );
  expect(diff.sizes).toContainEqual({
    path: 'database.sizeClass',
    from: 'small',
    to: plan.database.sizeClass,
  });

  // Applied in place: the same database and login, its table and rows, the new class's limit.
  const database = environment.resources.find(r => r.service === 'postgres')!;
  expect(database.state).toBe('healthy');
  expect(
    psql(login.connectionString, 'SELECT item FROM orders ORDER BY id'),
  ).toBe('tea\ncake');
  expect(
    psql(
      login.connectionString,
      'SELECT rolconnlimit FROM pg_roles WHERE rolname = current_user',
    ),
  ).toBe(String(plan.database.connectionLimit));
  expect(plan.database.connectionLimit).toBeGreaterThan(20);
  expect(environment.history.map(h => h.type)).toEqual(
    expect.arrayContaining(['changed', 'resource-applied']),
  );
});

test('"Environment for a web service" in production waits for approval the requester cannot give', async () => {
  const { environment } = await runTemplate(
    'web-service-environment',
    {
      ...checkout,
      name: `shop-${run}`,
      environment: 'prod',
      expectedUsers: 5000,
      growth: 'stable',
      availability: 99.9,
      p95LatencyMs: 400,
      services: ['postgres'],
      provider: 'aws',
      region: 'eu-west-1',
      dataResidency: 'eu',
      approver: 'user:default/priya.raman',
    },
    'web service (prod)',
  );
  expect(environment.status).toBe('awaiting-approval');
  await expectWorkspaceOutputs(environment);
  const approval = await api.post(
    `${backend}/api/intent/v1/environments/${environment.id}/approve`,
    { headers: headers(), data: {} },
  );
  expect(approval.status()).toBe(403);
  // Through the approval template too: the action calls the registry with ada's own credentials, and the
  // portal's policy lets only the platform team approve. (A platform member's approval is covered by the
  // plugin and action tests; the e2e portal signs everyone in as ada.)
  const created = await api.post(`${backend}/api/scaffolder/v2/tasks`, {
    headers: headers(),
    data: {
      templateRef: 'template:default/approve-production-environment',
      values: { environmentId: environment.id },
    },
  });
  const { id: taskId } = await created.json();
  const task = await poll(`task ${taskId}`, async () => {
    const { body } = await getJson(`/api/scaffolder/v2/tasks/${taskId}`);
    return ['completed', 'failed'].includes(body.status) ? body : undefined;
  });
  expect(task.status).toBe('failed');
  const log = (
    (await getJson(`/api/scaffolder/v2/tasks/${taskId}/events`)).body as Array<{
      body: { message?: string };
    }>
  )
    .map(e => e.body.message)
    .join('\n');
  expect(log).toMatch(
    /NotAllowedError: Not allowed: intent\.environment\.approve/,
  );
  expect(
    (await getJson(`/api/intent/v1/environments/${environment.id}`)).body
      .status,
  ).toBe('awaiting-approval');
  const resource = await poll('the catalog Resource', async () => {
    const res = await catalogResource(`shop-${run}-prod`);
    return res.status === 200 ? res.body : undefined;
  });
  expect(resource.metadata.annotations['cairn.dev/environment-status']).toBe(
    'awaiting-approval',
  );
});

test('"Data pipeline" registers workers, a queue and storage', async () => {
  const { environment } = await runTemplate(
    'data-pipeline-environment',
    {
      ...checkout,
      name: `etl-${run}`,
      environment: 'dev',
      peakMessagesPerSecond: 50,
      p95ProcessingMs: 2000,
      dataGb: 100,
      database: false,
      provider: 'aws',
      region: 'eu-west-1',
    },
    'data pipeline (dev)',
  );
  expect(environment.status).toBe('active');
  await expectWorkspaceOutputs(environment);
  const plan = JSON.parse(
    await (
      await api.get(
        `${backend}/api/intent/v1/environments/${environment.id}/file?path=plan.json`,
        { headers: headers() },
      )
    ).text(),
  );
  expect(plan.compute.kind).toBe('worker');
  expect(plan.queue).toBeDefined();
  expect(plan.objectStorage).toBeDefined();
  // No provisioner for queues and storage in the demo: they wait for the reviewed pipeline, saying so.
  expect(environment.resources.map(r => [r.service, r.state])).toEqual([
    ['queue', 'awaiting-provisioner'],
    ['objectStorage', 'awaiting-provisioner'],
  ]);
  expect(environment.resources[0].detail).toMatch(
    /no provisioner for queue in dev environments: its reviewed pipeline provides it/,
  );
  await poll('the catalog Resource', async () => {
    const res = await catalogResource(`etl-${run}-dev`);
    return res.status === 200 ? true : undefined;
  });
});

test('a plan the guardrails block fails the task with the policy report and registers nothing', async () => {
  // EU data residency in a US region: the built-in pack's gdpr-eu-regions denies it.
  const created = await api.post(`${backend}/api/scaffolder/v2/tasks`, {
    headers: headers(),
    data: {
      templateRef: 'template:default/web-service-environment',
      values: {
        ...checkout,
        name: `big-${run}`,
        environment: 'dev',
        expectedUsers: 1000,
        growth: 'stable',
        availability: 99,
        p95LatencyMs: 400,
        services: ['postgres'],
        provider: 'aws',
        region: 'us-east-1',
        dataResidency: 'eu',
      },
    },
  });
  const { id: taskId } = await created.json();
  const task = await poll(`task ${taskId}`, async () => {
    const { body } = await getJson(`/api/scaffolder/v2/tasks/${taskId}`);
    return ['completed', 'failed'].includes(body.status) ? body : undefined;
  });
  expect(task.status).toBe('failed');
  const log = (
    (await getJson(`/api/scaffolder/v2/tasks/${taskId}/events`)).body as Array<{
      body: { message?: string };
    }>
  )
    .map(e => e.body.message)
    .join('\n');
  expect(log).toMatch(
    /gdpr-eu-regions \(violation\): GDPR \/ EU residency requires EU regions/,
  );
  expect(log).toMatch(/Skipping step register because a previous step failed/);
  const { items } = (
    await getJson(
      '/api/intent/v1/environments?owner=group%3Adefault%2Fcheckout&limit=500',
    )
  ).body as { items: Environment[] };
  expect(items.filter(e => e.name === `big-${run}`)).toEqual([]);
});

test('"Ephemeral preview environment" registers with a TTL and a healthy database its owner connects to; torn down early, it expires, its database is dropped and it leaves the catalog', async () => {
  const { environment, submitted, log } = await runTemplate(
    'preview-environment',
    {
      ...checkout,
      name: `pr-${run}`,
      ttlHours: 24,
      database: true,
      provider: 'azure',
      region: 'westeurope',
    },
    'preview',
  );
  expect(environment.status).toBe('active');
  expect(
    new Date(environment.expiresAt!).getTime() -
      new Date(environment.createdAt).getTime(),
  ).toBeGreaterThan(23 * 3_600_000);
  await expectWorkspaceOutputs(environment);

  // The task ended when the database was healthy, on the machine's PostgreSQL.
  const database = environment.resources.find(r => r.service === 'postgres')!;
  expect(database).toMatchObject({
    state: 'healthy',
    provisioner: 'shared-postgres',
    port: 5432,
    checkedAt: expect.any(String),
  });
  const healthyMs = new Date(database.checkedAt!).getTime() - submitted;
  timings['preview: submitted → database healthy'] = healthyMs;
  // eslint-disable-next-line no-console
  console.log(
    `preview: submitted → database healthy in ${(healthyMs / 1000).toFixed(
      1,
    )} s`,
  );
  const credentials = await getJson(
    `/api/intent/v1/environments/${environment.id}/credentials`,
  );
  expect(credentials.status).toBe(200);
  const login = (
    credentials.body as {
      credentials: Array<{
        service: string;
        connectionString: string;
        password: string;
        database: string;
      }>;
    }
  ).credentials.find(c => c.service === 'postgres')!;
  expect(login.database).toBe(database.database);
  // Nothing secret in the task's log or output.
  expect(log).not.toContain(login.password);
  const client = new Client({ connectionString: login.connectionString });
  client.on('error', () => undefined);
  await client.connect();
  await client.query('CREATE TABLE notes (id int PRIMARY KEY, body text)');
  await client.query("INSERT INTO notes VALUES (1, 'provisioned by Cairn')");
  expect((await client.query('SELECT body FROM notes')).rows).toEqual([
    { body: 'provisioned by Cairn' },
  ]);
  await client.end();

  await poll('the catalog Resource', async () => {
    const res = await catalogResource(`pr-${run}-preview`);
    return res.status === 200 ? true : undefined;
  });

  const started = Date.now();
  const teardown = await api.post(
    `${backend}/api/intent/v1/environments/${environment.id}/teardown`,
    { headers: headers(), data: {} },
  );
  expect(teardown.status()).toBe(200);
  const expired = await poll('the expiry run and the teardown', async () => {
    const { body } = await getJson(
      `/api/intent/v1/environments/${environment.id}`,
    );
    return body.status === 'expired' &&
      (body as Environment).resources[0]?.state === 'torn-down'
      ? (body as Environment)
      : undefined;
  });
  expect(expired.teardownPlan).toMatchObject({
    reason: 'requested',
    steps: expect.arrayContaining(['terraform -chdir=terraform destroy']),
  });
  expect(expired.history.map(h => h.type)).toEqual([
    'requested',
    'resource-applied',
    'teardown-requested',
    'expired',
    'resource-torn-down',
  ]);
  // The database and its login are gone; the credentials are no longer handed out.
  const gone = new Client({ connectionString: login.connectionString });
  gone.on('error', () => undefined);
  await expect(gone.connect()).rejects.toThrow(/does not exist/);
  expect(
    (await getJson(`/api/intent/v1/environments/${environment.id}/credentials`))
      .body,
  ).toEqual({ credentials: [] });
  await poll('the Resource to leave the catalog', async () => {
    const res = await catalogResource(`pr-${run}-preview`);
    return res.status === 404 ? true : undefined;
  });
  // The owning team hears of it through Backstage notifications (ada is in Checkout).
  const notice = await poll('the expiry notification', async () => {
    const { body } = await getJson(
      `/api/notifications/notifications?search=${encodeURIComponent(
        `pr-${run}`,
      )}`,
    );
    return (
      body.notifications as Array<{
        payload: { title: string; description: string };
      }>
    ).find(
      n => n.payload.title === `Environment pr-${run} (preview) has expired`,
    );
  });
  expect(notice.payload.description).toMatch(
    /terraform -chdir=terraform destroy/,
  );
  timings['preview: teardown requested → gone from the catalog'] =
    Date.now() - started;
});
