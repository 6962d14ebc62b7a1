import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  inferIntent,
  inferredIntentFields,
  IntentInference,
} from '@cairn/plugin-intent-common';
import { readRepositoryDirectory } from './repositoryFiles';

// The example repositories committed under examples/repositories, each with the intent a person
// reading it would write down, and where each value is said.
const repositories = resolve(__dirname, '../../../examples/repositories');

async function infer(name: string) {
  const { files } = await readRepositoryDirectory(join(repositories, name));
  return inferIntent(files);
}

const where = (field?: { sources: { file: string; line?: number }[] }) =>
  field?.sources.map(s => `${s.file}:${s.line ?? ''}`);
const summary = (inference: IntentInference) => ({
  ...inferredIntentFields(inference),
  runtime: inference.runtime?.value,
  instances: inference.instances?.value,
  size: inference.size?.value,
  unknowns: inference.unknowns,
});

describe('intent inference on the example repositories', () => {
  it('a Spring Boot service with PostgreSQL', async () => {
    const inference = await infer('orders-spring');
    expect(summary(inference)).toEqual({
      workload: { type: 'web-service', port: 8080 },
      services: ['postgres'],
      target: {},
      runtime: 'java',
      instances: 3,
      size: 'small',
      unknowns: ['target.provider', 'target.region'],
    });
    expect(inference.port?.confidence).toBe('high');
    expect(where(inference.port)).toEqual([
      'Dockerfile:8',
      'k8s/deployment.yaml:19',
      'src/main/resources/application.yaml:2',
      'docker-compose.yaml:6',
    ]);
    const postgres = inference.services[0];
    expect(postgres.confidence).toBe('high');
    expect(where(postgres)).toEqual([
      'pom.xml:32',
      'src/main/resources/application.yaml:7',
      'docker-compose.yaml:11',
      'pom.xml:24',
    ]);
    expect(postgres.sources[0].excerpt).toBe(
      '<artifactId>postgresql</artifactId>',
    );
    expect(inference.filesRead).toEqual([
      'docker-compose.yaml',
      'Dockerfile',
      'k8s/deployment.yaml',
      'pom.xml',
      'src/main/resources/application.yaml',
    ]);
  });

  it('a Node service with Redis and a queue', async () => {
    const inference = await infer('cart-node');
    expect(summary(inference)).toEqual({
      workload: { type: 'web-service', port: 3000 },
      services: ['redis', 'queue'],
      target: {},
      runtime: 'node',
      instances: undefined,
      size: undefined,
      unknowns: ['target.provider', 'target.region'],
    });
    const [redis, queue] = inference.services;
    expect(redis.confidence).toBe('high');
    expect(where(redis)).toEqual(
      expect.arrayContaining(['package.json:13', '.env.example:2']),
    );
    // RabbitMQ becomes the cloud's managed queue: proposed, said to be a translation.
    expect(queue.confidence).toBe('medium');
    expect(queue.reason).toMatch(/RabbitMQ/);
    expect(where(inference.workloadType)).toEqual(['package.json:12']);
  });

  it('a Python worker', async () => {
    const inference = await infer('thumbnails-python');
    expect(summary(inference)).toEqual({
      workload: { type: 'worker' },
      services: ['postgres', 'redis', 'objectStorage'],
      target: {},
      runtime: 'python',
      instances: undefined,
      size: undefined,
      unknowns: ['target.provider', 'target.region'],
    });
    expect(inference.workloadType?.confidence).toBe('high');
    expect(where(inference.workloadType)?.[0]).toBe('Dockerfile:6');
    expect(
      inference.services.find(s => s.value === 'objectStorage')?.sources,
    ).toEqual([
      { file: '.env.example', line: 3, excerpt: 'S3_BUCKET=thumbnails-dev' },
    ]);
  });

  it('a repository with existing Terraform', async () => {
    const inference = await infer('billing-terraform');
    expect(summary(inference)).toEqual({
      workload: { type: 'web-service', port: 8081 },
      services: ['postgres', 'redis', 'queue', 'objectStorage'],
      target: { provider: 'aws', region: 'eu-central-1' },
      runtime: 'go',
      instances: 2,
      size: undefined,
      unknowns: [],
    });
    expect(where(inference.region)).toEqual(['infra/main.tf:11']);
    expect(
      where(inference.services.find(s => s.value === 'objectStorage')),
    ).toEqual(['infra/storage.tf.json:3']);
    expect(where(inference.instances)).toEqual(['infra/main.tf:36']);
  });
});

describe('readRepositoryDirectory', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cairn-infer-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads only what the inference reads, skips dependencies, big files and links', async () => {
    await mkdir(join(dir, 'node_modules/pg'), { recursive: true });
    await writeFile(join(dir, 'node_modules/pg/package.json'), '{}');
    await writeFile(join(dir, 'package.json'), '{"dependencies":{"pg":"1"}}');
    await writeFile(join(dir, 'notes.txt'), 'postgres');
    await writeFile(
      join(dir, 'Dockerfile'),
      `FROM node:20\n${'#'.repeat(300_000)}`,
    );
    await symlink('/etc/hostname', join(dir, '.env'));
    const { files, skipped } = await readRepositoryDirectory(dir);
    expect(files.map(f => f.path)).toEqual(['package.json']);
    expect(skipped).toEqual(['Dockerfile']);
  });
});
