import { inferIntent, inferredIntentFields } from './inferIntent';

const file = (path: string, ...lines: string[]) => ({
  path,
  text: lines.join('\n'),
});

describe('inferIntent', () => {
  it('invents nothing: an empty repository leaves every field to the form', () => {
    const inference = inferIntent([file('README.md', '# hello')]);
    expect(inference).toEqual({
      services: [],
      notes: [],
      unknowns: [
        'workload.type',
        'workload.port',
        'services',
        'target.provider',
        'target.region',
      ],
      filesRead: [],
    });
    expect(inferredIntentFields(inference)).toEqual({
      workload: {},
      services: [],
      target: {},
    });
  });

  it('proposes the best-backed value and names the others in a note', () => {
    const inference = inferIntent([
      file('Dockerfile', 'FROM node:20', 'EXPOSE 8080'),
      file('.env', 'PORT=3000'),
    ]);
    expect(inference.port).toMatchObject({ value: 8080, confidence: 'high' });
    expect(inference.notes).toEqual([
      {
        message:
          'Port: 3000 is also said (PORT is set to 3000); 8080 is proposed, said with high confidence in 1 place(s)',
        sources: [{ file: '.env', line: 1, excerpt: 'PORT=3000' }],
      },
    ]);
    // A port and nothing else: a web service, because it listens.
    expect(inference.workloadType).toMatchObject({
      value: 'web-service',
      confidence: 'medium',
      reason: 'it listens on port 8080',
    });
  });

  it('says what the intent cannot hold instead of mapping it', () => {
    const inference = inferIntent([
      file('requirements.txt', '# deps', 'Django==5.1', 'mysqlclient>=2'),
      file(
        'infra/db.tf',
        'resource "aws_db_instance" "main" {',
        '  engine = "mysql"',
        '}',
      ),
    ]);
    expect(inference.services).toEqual([]);
    expect(inference.notes.map(n => n.message)).toEqual([
      'declares aws_db_instance with engine mysql: Cairn offers PostgreSQL, not MySQL; not proposed',
      'depends on mysqlclient: uses MySQL, which Cairn does not offer (it offers PostgreSQL); not proposed',
    ]);
    expect(inference.workloadType?.sources).toEqual([
      { file: 'requirements.txt', line: 2, excerpt: 'Django==5.1' },
    ]);
  });

  it('reads Gradle, Spring properties, CronJobs and GCP Terraform', () => {
    const inference = inferIntent([
      file(
        'build.gradle.kts',
        'dependencies {',
        '  implementation("org.springframework.boot:spring-boot-starter-amqp")',
        '  testImplementation("org.postgresql:postgresql:42.7.4")',
        '}',
      ),
      file(
        'src/main/resources/application.properties',
        'spring.data.redis.host=localhost',
      ),
      file(
        'deploy/cron.yaml',
        'apiVersion: batch/v1',
        'kind: CronJob',
        'spec:',
        '  schedule: "0 3 * * *"',
        '  jobTemplate:',
        '    spec:',
        '      template:',
        '        spec:',
        '          containers:',
        '            - name: job',
        '              resources:',
        '                requests:',
        '                  cpu: "2"',
      ),
      file(
        'main.tf',
        'provider "google" {',
        '  project = "x"',
        '  region  = "europe-west1"',
        '}',
      ),
    ]);
    expect(inferredIntentFields(inference)).toEqual({
      workload: { type: 'scheduled-job', schedule: '0 3 * * *' },
      services: ['redis', 'queue'],
      target: { provider: 'gcp', region: 'europe-west1' },
    });
    expect(inference.size).toMatchObject({ value: 'large' });
    expect(inference.unknowns).toEqual([]);
  });

  it('reads YAML files without a kind as nothing, and a broken manifest as a note', () => {
    const inference = inferIntent([
      file('mkdocs.yml', 'site_name: docs', 'nav: [ {{ broken'),
      file(
        'deploy/web.yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec: [ {',
      ),
    ]);
    expect(inference.notes.map(n => n.message)).toEqual([
      expect.stringMatching(/^deploy\/web\.yaml could not be read \(/),
    ]);
  });

  it("takes a region from a Terraform variable's default when the provider names the variable", () => {
    const inference = inferIntent([
      file(
        'infra/main.tf',
        'provider "aws" {',
        '  region = var.aws_region',
        '}',
      ),
      file(
        'infra/variables.tf',
        'variable "aws_region" {',
        '  type    = string',
        '  default = "eu-north-1"',
        '}',
        'variable "name" {',
        '  default = "billing"',
        '}',
      ),
    ]);
    expect(inference.provider).toMatchObject({
      value: 'aws',
      confidence: 'high',
    });
    expect(inference.region).toEqual({
      value: 'eu-north-1',
      confidence: 'medium',
      sources: [
        {
          file: 'infra/variables.tf',
          line: 3,
          excerpt: 'default = "eu-north-1"',
        },
      ],
      reason: 'the Terraform variable aws_region defaults to eu-north-1',
    });
  });

  it('turns a broken file into a note and goes on', () => {
    const inference = inferIntent([
      file('package.json', '{ "dependencies": '),
      file('go.mod', 'module x', 'require github.com/lib/pq v1.10.9'),
    ]);
    expect(inference.services.map(s => s.value)).toEqual(['postgres']);
    expect(inference.notes[0].message).toMatch(
      /^package.json could not be read \(.+\); nothing taken from it$/,
    );
  });
});
