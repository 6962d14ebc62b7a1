import { parseAllDocuments } from 'yaml';
import { outcomeIntentYaml } from '../examples/exampleIntents';
import { parseIntent } from '../intent/parseIntent';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { planIntent } from '../plan/planIntent';
import { NOW } from '../testing/intents';
import { renderBundle } from './renderBundle';

/*
 * The workload can reach every data service it declared (postgres, redis, queue, objectStorage): its
 * settings name each service's endpoint, its secrets point into the cloud's secret store, and its own
 * identity holds a grant on each service. On a cluster the same names come from the Terraform output
 * the platform's secret sync writes into the Secret the pod reads.
 */

const regions = { aws: 'eu-west-1', gcp: 'europe-west1', azure: 'westeurope' };
type Provider = keyof typeof regions;

function bundle(provider: Provider, runtime: 'managed' | 'kubernetes') {
  const plan = planIntent(
    parseIntent(
      outcomeIntentYaml
        .replace('provider: aws', `provider: ${provider}`)
        .replace('region: eu-west-1', `region: ${regions[provider]}`)
        .replace('runtime: managed', `runtime: ${runtime}`),
    ),
    defaultPlatformConfig,
    { now: NOW },
  );
  const rendered = renderBundle(plan, defaultPlatformConfig);
  return {
    tf: JSON.parse(rendered.files[0].content),
    manifests: rendered.files[1]
      ? parseAllDocuments(rendered.files[1].content).map(d => d.toJS())
      : [],
  };
}

/** Each setting (or secret) and the resource its value must come from, per cloud. */
const expected: Record<Provider, Record<string, RegExp>> = {
  aws: {
    DATABASE_HOST: /^\$\{aws_db_instance\.main\.address\}$/,
    DATABASE_PASSWORD:
      /^\$\{aws_db_instance\.main\.master_user_secret\[0\]\.secret_arn\}:password::$/,
    REDIS_HOST:
      /^\$\{aws_elasticache_replication_group\.main\.primary_endpoint_address\}$/,
    QUEUE_URL: /^\$\{aws_sqs_queue\.main\.url\}$/,
    BUCKET_NAME: /^\$\{aws_s3_bucket\.assets\.bucket\}$/,
  },
  gcp: {
    DATABASE_HOST:
      /^\$\{google_sql_database_instance\.main\.private_ip_address\}$/,
    DATABASE_USER: /^\$\{google_sql_user\.app\.name\}$/,
    REDIS_HOST: /^\$\{google_redis_instance\.main\.host\}$/,
    REDIS_PASSWORD:
      /^\$\{google_secret_manager_secret\.cache_auth\.secret_id\}$/,
    QUEUE_TOPIC: /^\$\{google_pubsub_topic\.main\.name\}$/,
    QUEUE_SUBSCRIPTION: /^\$\{google_pubsub_subscription\.main\.name\}$/,
    BUCKET_NAME: /^\$\{google_storage_bucket\.assets\.name\}$/,
  },
  azure: {
    AZURE_CLIENT_ID: /^\$\{azurerm_user_assigned_identity\.app\.client_id\}$/,
    DATABASE_HOST: /^\$\{azurerm_postgresql_flexible_server\.main\.fqdn\}$/,
    DATABASE_USER: /^\$\{azurerm_user_assigned_identity\.app\.name\}$/,
    REDIS_HOST: /^\$\{azurerm_redis_cache\.main\.hostname\}$/,
    QUEUE_NAMESPACE:
      /^\$\{azurerm_servicebus_namespace\.main\.name\}\.servicebus\.windows\.net$/,
    QUEUE_NAME: /^\$\{azurerm_servicebus_queue\.main\.name\}$/,
    STORAGE_ACCOUNT_URL:
      /^\$\{azurerm_storage_account\.main\.primary_blob_endpoint\}$/,
  },
};

/** The names and values the workload itself is given, read from the workload resource. */
function workloadEnvironment(provider: Provider, tf: any) {
  if (provider === 'aws') {
    const [container] = JSON.parse(
      tf.resource.aws_ecs_task_definition.app.container_definitions,
    );
    return Object.fromEntries([
      ...container.environment.map((e: any) => [e.name, e.value]),
      ...container.secrets.map((e: any) => [e.name, e.valueFrom]),
    ]);
  }
  if (provider === 'gcp') {
    const { env } =
      tf.resource.google_cloud_run_v2_service.app.template.containers[0];
    return Object.fromEntries(
      env.map((e: any) => [
        e.name,
        e.value ?? e.value_source.secret_key_ref.secret,
      ]),
    );
  }
  const { env } =
    tf.resource.azurerm_container_app.app.template[0].container[0];
  return Object.fromEntries(env.map((e: any) => [e.name, e.value]));
}

describe('the workload reaches each data service it declared', () => {
  it.each(['aws', 'gcp', 'azure'] as const)(
    'on %s managed runtime: settings and secrets on the workload itself',
    provider => {
      const { tf } = bundle(provider, 'managed');
      const env = workloadEnvironment(provider, tf);
      for (const [name, source] of Object.entries(expected[provider]))
        expect({ name, value: env[name] }).toEqual({
          name,
          value: expect.stringMatching(source),
        });
      // The output lists exactly what the workload is given.
      const output = tf.output.workload_environment.value;
      expect({ ...output.settings, ...output.secrets }).toEqual(env);
    },
  );

  it.each(['aws', 'gcp', 'azure'] as const)(
    'on %s with Kubernetes: the same names in the output, read by the pod from the synced Secret',
    provider => {
      const { tf, manifests } = bundle(provider, 'kubernetes');
      const output = tf.output.workload_environment.value;
      const names = { ...output.settings, ...output.secrets };
      for (const [name, source] of Object.entries(expected[provider]))
        expect({ name, value: names[name] }).toEqual({
          name,
          value: expect.stringMatching(source),
        });
      const deployment = manifests.find(m => m.kind === 'Deployment');
      expect(deployment.spec.template.spec.containers[0].envFrom).toEqual([
        { secretRef: { name: 'checkout-api-prod-services' } },
      ]);
      expect(
        deployment.metadata.annotations['cairn.dev/services-secret'],
      ).toMatch(
        /^checkout-api-prod-services: the keys of the Terraform output workload_environment/,
      );
    },
  );

  it('AWS: the task role may use exactly the queue and the bucket; the execution role reads the database secret', () => {
    const { tf } = bundle('aws', 'managed');
    const task = tf.resource.aws_ecs_task_definition.app;
    expect(task.task_role_arn).toBe('${aws_iam_role.task.arn}');
    const policy = JSON.parse(tf.resource.aws_iam_role_policy.task.policy);
    expect(policy.Statement.map((s: any) => [s.Sid, s.Resource])).toEqual([
      ['Queue', '${aws_sqs_queue.main.arn}'],
      ['BucketObjects', '${aws_s3_bucket.assets.arn}/*'],
      ['BucketList', '${aws_s3_bucket.assets.arn}'],
    ]);
    expect(policy.Statement.flatMap((s: any) => s.Action)).not.toContain('*');
    const secrets = JSON.parse(
      tf.resource.aws_iam_role_policy.task_execution_secrets.policy,
    );
    expect(secrets.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue'],
        Resource: ['${aws_db_instance.main.master_user_secret[0].secret_arn}'],
      },
    ]);
  });

  it('GCP: the service runs as its own account, which holds a grant on each service', () => {
    const { tf } = bundle('gcp', 'managed');
    const member = 'serviceAccount:${google_service_account.app.email}';
    expect(
      tf.resource.google_cloud_run_v2_service.app.template.service_account,
    ).toBe('${google_service_account.app.email}');
    const grants = [
      ...Object.values<any>(tf.resource.google_project_iam_member),
      tf.resource.google_secret_manager_secret_iam_member.cache_auth,
      tf.resource.google_pubsub_topic_iam_member.publisher,
      tf.resource.google_pubsub_subscription_iam_member.subscriber,
      tf.resource.google_storage_bucket_iam_member.app,
    ];
    expect(grants.map(g => [g.role, g.member])).toEqual([
      ['roles/cloudsql.client', member],
      ['roles/cloudsql.instanceUser', member],
      ['roles/secretmanager.secretAccessor', member],
      ['roles/pubsub.publisher', member],
      ['roles/pubsub.subscriber', member],
      ['roles/storage.objectUser', member],
    ]);
    expect(tf.resource.google_sql_user.app.type).toBe(
      'CLOUD_IAM_SERVICE_ACCOUNT',
    );
    // The AUTH string reaches Secret Manager from Memorystore; it is never in the files.
    expect(
      tf.resource.google_secret_manager_secret_version.cache_auth.secret_data,
    ).toBe('${google_redis_instance.main.auth_string}');
  });

  it('Azure: the app has its managed identity, the Entra administrator and a role on each service', () => {
    const { tf } = bundle('azure', 'managed');
    const principal = '${azurerm_user_assigned_identity.app.principal_id}';
    expect(tf.resource.azurerm_container_app.app.identity).toEqual([
      {
        type: 'UserAssigned',
        identity_ids: ['${azurerm_user_assigned_identity.app.id}'],
      },
    ]);
    expect(
      tf.resource
        .azurerm_postgresql_flexible_server_active_directory_administrator.app,
    ).toMatchObject({
      object_id: principal,
      principal_type: 'ServicePrincipal',
    });
    expect(
      tf.resource.azurerm_redis_cache_access_policy_assignment.app,
    ).toMatchObject({
      object_id: principal,
      access_policy_name: 'Data Contributor',
    });
    expect(
      Object.values<any>(tf.resource.azurerm_role_assignment).map(r => [
        r.role_definition_name,
        r.scope,
        r.principal_id,
      ]),
    ).toEqual([
      [
        'Azure Service Bus Data Sender',
        '${azurerm_servicebus_queue.main.id}',
        principal,
      ],
      [
        'Azure Service Bus Data Receiver',
        '${azurerm_servicebus_queue.main.id}',
        principal,
      ],
      [
        'Storage Blob Data Contributor',
        '${azurerm_storage_account.main.id}/blobServices/default/containers/assets',
        principal,
      ],
    ]);
    // Shared keys stay off: the identity is the only way in.
    expect(
      tf.resource.azurerm_servicebus_namespace.main.local_auth_enabled,
    ).toBe(false);
    expect(
      tf.resource.azurerm_storage_account.main.shared_access_key_enabled,
    ).toBe(false);
  });
});
