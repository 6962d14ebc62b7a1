import { InputError } from '@backstage/errors';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import fs from 'fs';
import path from 'path';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { outcomeIntentYaml } from '../examples/exampleIntents';
import { parseIntent } from '../intent/parseIntent';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { planIntent } from '../plan/planIntent';
import { Plan } from '../plan/planTypes';
import { NOW } from '../testing/intents';
import { renderBundle } from './renderBundle';
import { labelValue } from './resourceNames';
import { validateTerraform } from './terraform/validateTerraform';

const GOLDEN = path.join(__dirname, '__golden__');
const regions = {
  aws: 'eu-west-1',
  gcp: 'europe-west1',
  azure: 'westeurope',
} as const;
const targets = (['aws', 'gcp', 'azure'] as const).flatMap(provider =>
  (['managed', 'kubernetes'] as const).map(runtime => ({ provider, runtime })),
);

function outcomePlan(
  provider: keyof typeof regions,
  runtime: string,
  yaml = outcomeIntentYaml,
): Plan {
  const intent = yaml
    .replace('provider: aws', `provider: ${provider}`)
    .replace('region: eu-west-1', `region: ${regions[provider]}`)
    .replace('runtime: managed', `runtime: ${runtime}`);
  return planIntent(parseIntent(intent), defaultPlatformConfig, { now: NOW });
}

const render = (plan: Plan) => renderBundle(plan, defaultPlatformConfig);
const terraformOf = (plan: Plan) => JSON.parse(render(plan).files[0].content);

describe('renderBundle golden files', () => {
  // Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
  it.each(targets)(
    'renders the outcome intent for $provider $runtime exactly as the golden files',
    ({ provider, runtime }) => {
      const bundle = render(outcomePlan(provider, runtime));
      const dir = path.join(GOLDEN, `${provider}-${runtime}`);
      const expected = [
        ...bundle.files.map(f => f.path),
        'bundle-manifest.json',
      ];
      const actual: Record<string, string> = {
        ...Object.fromEntries(bundle.files.map(f => [f.path, f.content])),
        'bundle-manifest.json': `${JSON.stringify(bundle.manifest, null, 2)}\n`,
      };
      for (const file of expected) {
        // `.golden` keeps formatters away from the expected bytes.
        const goldenPath = path.join(dir, `${file}.golden`);
        if (process.env.UPDATE_GOLDEN) {
          fs.mkdirSync(path.dirname(goldenPath), { recursive: true });
          fs.writeFileSync(goldenPath, actual[file]);
        }
        expect({ file, content: actual[file] }).toEqual({
          file,
          content: fs.readFileSync(goldenPath, 'utf8'),
        });
      }
    },
  );
});

describe('renderBundle', () => {
  it.each(targets)(
    'passes the offline Terraform checks for $provider $runtime',
    ({ provider, runtime }) => {
      const bundle = render(outcomePlan(provider, runtime));
      expect(
        validateTerraform(
          bundle.files.filter(f => f.path.endsWith('.tf.json')),
        ),
      ).toEqual([]);
      const tf = JSON.parse(bundle.files[0].content);
      expect(Object.keys(tf.terraform.required_providers)).toHaveLength(1);
      expect(
        Object.values<any>(tf.terraform.required_providers)[0].version,
      ).toMatch(/^~> \d+\.\d+$/);
      expect(Object.keys(tf.output).length).toBeGreaterThan(0);
    },
  );

  it.each(targets)(
    'lists every file with its hash in the manifest for $provider $runtime',
    ({ provider, runtime }) => {
      const bundle = render(outcomePlan(provider, runtime));
      expect(bundle.manifest.files.map(f => f.path)).toEqual(
        runtime === 'kubernetes'
          ? ['terraform/main.tf.json', 'kubernetes/workload.yaml']
          : ['terraform/main.tf.json'],
      );
      for (const f of bundle.files) {
        const listed = bundle.manifest.files.find(m => m.path === f.path)!;
        expect(listed.sha256).toBe(bytesToHex(sha256(utf8ToBytes(f.content))));
        expect(listed.bytes).toBe(utf8ToBytes(f.content).length);
      }
      expect(bundle.manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('is deterministic', () => {
    expect(render(outcomePlan('azure', 'managed')).manifest).toEqual(
      render(outcomePlan('azure', 'managed')).manifest,
    );
  });

  it('renders the database protection exactly as planned on each provider', () => {
    const plan = outcomePlan(
      'aws',
      'managed',
      outcomeIntentYaml.replace('availability: 99.9', 'availability: 99.95'),
    );
    expect(plan.database).toMatchObject({
      multiZone: true,
      replicas: 1,
      pointInTimeRecovery: true,
      backupRetentionDays: 14,
    });
    const aws = terraformOf(plan).resource.aws_db_instance;
    expect(aws.main).toMatchObject({
      multi_az: true,
      backup_retention_period: 14,
      publicly_accessible: false,
      storage_encrypted: true,
      allocated_storage: plan.database!.storageGb,
    });
    expect(Object.keys(aws)).toEqual(['main', 'replica_0']);

    const gcp = terraformOf(
      outcomePlan(
        'gcp',
        'managed',
        outcomeIntentYaml.replace('availability: 99.9', 'availability: 99.95'),
      ),
    ).resource.google_sql_database_instance;
    expect(gcp.main.settings).toMatchObject({
      availability_type: 'REGIONAL',
      backup_configuration: {
        enabled: true,
        point_in_time_recovery_enabled: true,
        backup_retention_settings: { retained_backups: 14 },
      },
      ip_configuration: { ipv4_enabled: false, ssl_mode: 'ENCRYPTED_ONLY' },
    });
    expect(Object.keys(gcp)).toEqual(['main', 'replica_0']);

    const azure = terraformOf(
      outcomePlan(
        'azure',
        'managed',
        outcomeIntentYaml.replace('availability: 99.9', 'availability: 99.95'),
      ),
    ).resource.azurerm_postgresql_flexible_server;
    expect(azure.main).toMatchObject({
      backup_retention_days: 14,
      public_network_access_enabled: false,
      high_availability: [{ mode: 'ZoneRedundant' }],
    });
    expect(Object.keys(azure)).toEqual(['main', 'replica_0']);
  });

  it('puts data services in private subnets with no route out (AWS)', () => {
    const tf = terraformOf(outcomePlan('aws', 'managed'));
    expect(tf.resource.aws_db_subnet_group.main.subnet_ids).toEqual([
      '${aws_subnet.data_0.id}',
      '${aws_subnet.data_1.id}',
    ]);
    // Routes are resources of their own: none leaves the data route table.
    const routes = Object.values<any>(tf.resource.aws_route);
    expect(routes.map(r => r.route_table_id).sort()).toEqual([
      '${aws_route_table.private_0.id}',
      '${aws_route_table.private_1.id}',
      '${aws_route_table.public.id}',
    ]);
    expect(tf.resource.aws_route_table.data.route).toBeUndefined();
    expect(tf.resource.aws_elasticache_replication_group.main).toMatchObject({
      transit_encryption_enabled: true,
      at_rest_encryption_enabled: true,
      num_cache_clusters: 2,
    });
  });

  it('puts a CDN in front of an application without caching its answers, on every cloud', () => {
    const aws = terraformOf(outcomePlan('aws', 'managed')).resource
      .aws_cloudfront_distribution.main;
    expect(aws.default_cache_behavior[0]).toMatchObject({
      cache_policy_id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // CachingDisabled
      origin_request_policy_id: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // AllViewerExceptHostHeader
    });
    expect(
      aws.ordered_cache_behavior.map((b: any) => [
        b.path_pattern,
        b.cache_policy_id,
        b.allowed_methods,
      ]),
    ).toEqual([
      ['/static/*', '658327ea-f89d-4fab-a63d-7e88639e58f6', ['GET', 'HEAD']],
      ['/assets/*', '658327ea-f89d-4fab-a63d-7e88639e58f6', ['GET', 'HEAD']],
    ]);
    const gcp = terraformOf(outcomePlan('gcp', 'managed')).resource
      .google_compute_backend_service.app;
    expect(gcp.cdn_policy).toEqual({ cache_mode: 'USE_ORIGIN_HEADERS' });
    const azure = terraformOf(outcomePlan('azure', 'managed')).resource
      .azurerm_cdn_frontdoor_route;
    expect(azure.app.cache).toBeUndefined();
    expect(azure.app.patterns_to_match).toEqual(['/*']);
    expect(azure.static).toMatchObject({
      patterns_to_match: ['/static/*', '/assets/*'],
      cache: [{ query_string_caching_behavior: 'UseQueryString' }],
    });
  });

  it('plans the cache that runs: Azure Cache for Redis 6, Premium for a replica, with its memory', () => {
    const plan = outcomePlan('azure', 'managed');
    expect(plan.cache).toMatchObject({
      version: '6',
      sizeClass: 'small',
      replicas: 1,
      memoryGb: 6,
    });
    expect(
      plan.explanations.find(e => e.path === 'cache.memoryGb')!.rule,
    ).toContain('runs as azure Premium-P1 (6 GB)');
    expect(terraformOf(plan).resource.azurerm_redis_cache.main).toMatchObject({
      redis_version: '6',
      sku_name: 'Premium',
      family: 'P',
      capacity: 1,
    });
    const aws = outcomePlan('aws', 'managed');
    expect(aws.cache).toMatchObject({ version: '7', memoryGb: 1 });
  });

  it('asks Cloud SQL for the edition its tiers belong to', () => {
    const sql = terraformOf(outcomePlan('gcp', 'managed')).resource
      .google_sql_database_instance;
    for (const instance of Object.values<any>(sql))
      expect(instance.settings).toMatchObject({
        edition: 'ENTERPRISE',
        tier: expect.stringMatching(/^db-custom-/),
      });
  });

  it('sizes compute from the plan on each runtime', () => {
    const plan = outcomePlan('aws', 'managed');
    const ecs = terraformOf(plan).resource;
    expect(ecs.aws_appautoscaling_target.app).toMatchObject({
      min_capacity: plan.compute!.minInstances,
      max_capacity: plan.compute!.maxInstances,
    });
    expect(ecs.aws_ecs_task_definition.app).toMatchObject({
      cpu: '2048',
      memory: '4096',
    });
    const run = terraformOf(outcomePlan('gcp', 'managed')).resource
      .google_cloud_run_v2_service.app;
    expect(run.template.scaling).toEqual({
      min_instance_count: 2,
      max_instance_count: 6,
    });
    const docs = parseAllDocuments(
      render(outcomePlan('azure', 'kubernetes')).files[1].content,
    ).map(d => d.toJS());
    expect(docs.map(d => d.kind)).toEqual([
      'Namespace',
      'ServiceAccount',
      'Deployment',
      'HorizontalPodAutoscaler',
      'PodDisruptionBudget',
      'Service',
      'NetworkPolicy',
    ]);
    const deployment = docs.find(d => d.kind === 'Deployment');
    expect(deployment.spec.replicas).toBe(2);
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: '2000m', memory: '4096Mi' },
      limits: { cpu: '2000m', memory: '4096Mi' },
    });
    expect(
      docs.find(d => d.kind === 'HorizontalPodAutoscaler').spec,
    ).toMatchObject({ minReplicas: 2, maxReplicas: 6 });
    const app = deployment.spec.template.spec.containers[0];
    expect(app.readinessProbe.tcpSocket).toEqual({ port: 'http' });
    expect(app.livenessProbe.tcpSocket).toEqual({ port: 'http' });
    // Traffic out is restricted too: DNS, HTTPS and the data services' ports only.
    const policy = docs.find(d => d.kind === 'NetworkPolicy').spec;
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(
      policy.egress.flatMap((rule: any) =>
        rule.ports.map((p: any) => `${p.protocol}/${p.port}`),
      ),
    ).toEqual([
      'UDP/53',
      'TCP/53',
      'TCP/443',
      'TCP/5432',
      'TCP/6379',
      'TCP/6380',
    ]);
  });

  it('leaves the count to the autoscaler once an ECS service runs', () => {
    expect(
      terraformOf(outcomePlan('aws', 'managed')).resource.aws_ecs_service.app
        .lifecycle,
    ).toEqual({ ignore_changes: ['desired_count'] });
  });

  it('tags every resource that takes tags with owner, environment, cost centre and expiry', () => {
    for (const { provider, runtime } of targets) {
      const tf = terraformOf(outcomePlan(provider, runtime));
      const tags = provider === 'gcp' ? tf.locals.labels : tf.locals.tags;
      expect(Object.keys(tags)).toEqual(
        expect.arrayContaining([
          'owner',
          'environment',
          'cost-centre',
          'expires-at',
        ]),
      );
    }
  });

  it('outputs the names of secrets, never their values', () => {
    for (const { provider, runtime } of targets) {
      const bundle = render(outcomePlan(provider, runtime));
      const tf = JSON.parse(bundle.files[0].content);
      // The workload's secrets are named by where they are in the secret store, never by value.
      const { workload_environment: environment, ...others } = tf.output;
      for (const source of Object.values<string>(
        environment?.value.secrets ?? {},
      ))
        expect(source).toMatch(
          /^\$\{[a-z_.]+\.(master_user_secret\[0\]\.secret_arn|id|secret_id|versionless_id)\}/,
        );
      const outputs = JSON.stringify(others);
      expect(outputs).not.toMatch(
        /password|auth_string|access_key|connection_string|secret_string|\.result/,
      );
      const all = bundle.files.map(f => f.content).join('\n');
      expect(all).not.toMatch(
        /"(password|master_password|administrator_password|auth_token)"\s*:/,
      );
      expect(all).not.toMatch(/random_password/);
    }
    const aws = terraformOf(outcomePlan('aws', 'managed'));
    expect(aws.resource.aws_db_instance.main.manage_master_user_password).toBe(
      true,
    );
    expect(aws.output.database_secret_arn.value).toBe(
      '${aws_db_instance.main.master_user_secret[0].secret_arn}',
    );
  });

  it('renders a static site (bucket behind CloudFront) on AWS and refuses it where the bucket would be public', () => {
    const yaml = outcomeIntentYaml
      .replace('type: web-service', 'type: static-site')
      .replace(
        'services: [postgres, redis, queue, objectStorage, cdn]',
        'services: []',
      );
    const tf = terraformOf(outcomePlan('aws', 'managed', yaml));
    expect(
      tf.resource.aws_cloudfront_distribution.main.origin[0]
        .origin_access_control_id,
    ).toBe('${aws_cloudfront_origin_access_control.assets.id}');
    expect(tf.resource.aws_ecs_service).toBeUndefined();
    expect(() => render(outcomePlan('gcp', 'managed', yaml))).toThrow(
      InputError,
    );
  });

  it('renders a scheduled job on every provider', () => {
    const yaml = outcomeIntentYaml
      .replace(
        'type: web-service',
        'type: scheduled-job\n    schedule: "0 3 * * MON-FRI"',
      )
      .replace(
        'services: [postgres, redis, queue, objectStorage, cdn]',
        'services: [postgres]',
      );
    expect(
      terraformOf(outcomePlan('aws', 'managed', yaml)).resource
        .aws_cloudwatch_event_rule.schedule.schedule_expression,
    ).toBe('cron(0 3 ? * MON-FRI *)');
    expect(
      terraformOf(outcomePlan('gcp', 'managed', yaml)).resource
        .google_cloud_scheduler_job.app.schedule,
    ).toBe('0 3 * * MON-FRI');
    expect(
      terraformOf(outcomePlan('azure', 'managed', yaml)).resource
        .azurerm_container_app_job.app.schedule_trigger_config[0]
        .cron_expression,
    ).toBe('0 3 * * MON-FRI');
    const k8s = parseAllDocuments(
      render(outcomePlan('aws', 'kubernetes', yaml)).files[1].content,
    ).map(d => d.toJS());
    expect(k8s.find(d => d.kind === 'CronJob').spec.schedule).toBe(
      '0 3 * * MON-FRI',
    );
  });

  it('refuses multi-region plans it cannot render yet, saying what to do', () => {
    const plan = outcomePlan(
      'aws',
      'managed',
      outcomeIntentYaml.replace('availability: 99.9', 'availability: 99.995'),
    );
    expect(() => render(plan)).toThrow(
      /multi-region.*availability below 99.995/,
    );
  });
});

describe('renderBundle with hostile input', () => {
  const hostile = [
    ['a Terraform interpolation', '${aws_iam_role.admin.arn}'],
    ['a template directive', '%{ for x in y }boom%{ endfor }'],
    ['quotes and backslashes', 'a"b\\c\'d'],
    ['newlines', 'line1\nline2\r\n}'],
    ['a very long string', 'x'.repeat(5000)],
    ['unicode look-alikes', 'grоup:default/сheckout'],
  ];

  describe.each(targets)('$provider $runtime', ({ provider, runtime }) => {
    it.each(hostile)(
      'escapes %s in tag values and the image so they stay text',
      (_, value) => {
        const plan = outcomePlan(provider, runtime);
        plan.tags = { ...plan.tags, owner: value, 'cost-centre': value };
        plan.compute = { ...plan.compute!, image: value };
        const bundle = render(plan);
        // The offline validator ran inside renderBundle; run it again to see no smuggled reference resolved.
        expect(validateTerraform([bundle.files[0]])).toEqual([]);
        const tf = JSON.parse(bundle.files[0].content);
        const owner =
          provider === 'gcp' ? tf.locals.labels.owner : tf.locals.tags.owner;
        expect(owner).toBe(
          provider === 'gcp'
            ? labelValue(value)
            : value.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'),
        );
        expect(owner.includes('${') && !owner.includes('$${')).toBe(false);
      },
    );

    it.each([
      ['a Terraform interpolation', 'a${b}'],
      ['a quote', 'checkout"api'],
      ['a newline', 'checkout\napi'],
      ['a very long name', 'a'.repeat(64)],
      ['unicode look-alikes', 'сheckout-api'],
    ])('rejects a name with %s', (_, name) => {
      const plan = { ...outcomePlan(provider, runtime), name };
      expect(() => render(plan)).toThrow(InputError);
    });
  });

  it.each(targets.filter(t => t.runtime === 'kubernetes'))(
    'keeps hostile images and owners as plain values in the $provider manifests',
    ({ provider }) => {
      const plan = outcomePlan(provider, 'kubernetes');
      const value = '${x} %{y} "q"\nz';
      plan.compute = { ...plan.compute!, image: value };
      plan.owner = value;
      const docs = parseAllDocuments(render(plan).files[1].content).map(d =>
        d.toJS(),
      );
      expect(
        docs.find(d => d.kind === 'Deployment').spec.template.spec.containers[0]
          .image,
      ).toBe(value);
      expect(docs[0].metadata.annotations['cairn.dev/owner']).toBe(value);
    },
  );

  it('keeps YAML injection out of the manifests', () => {
    const plan = outcomePlan('aws', 'kubernetes');
    plan.compute = {
      ...plan.compute!,
      image: 'x\n---\nkind: ClusterRoleBinding',
    };
    const yaml = render(plan).files[1].content;
    expect(parseAllDocuments(yaml).map(d => d.toJS().kind)).not.toContain(
      'ClusterRoleBinding',
    );
    expect(parseYaml(yaml.split('---\n')[0]).kind).toBe('Namespace');
  });
});
