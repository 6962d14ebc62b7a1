import { InputError } from '@backstage/errors';
import { Plan } from '../../plan/planTypes';
import { SizeCatalog } from '../../platform/sizeCatalog';
import { baseName, fitName } from '../resourceNames';
import {
  checkRenderable,
  containerImage,
  dedicatedServices,
  gcpLabels,
  planControls,
  sharedServicesOutput,
  workloadEnvironmentOutput,
  WorkloadWiring,
} from './renderCommon';
import {
  literal,
  ref,
  TerraformBuilder,
  TerraformDocument,
} from './TerraformDocument';
import { providerVersions, terraformRequiredVersion } from './terraformSchema';

const LABELS = ref('local.labels');

/** Memory in Cloud Run's notation: whole GiB as `2Gi`, fractions in MiB. */
function memory(gb: number): string {
  return Number.isInteger(gb) ? `${gb}Gi` : `${Math.round(gb * 1024)}Mi`;
}

/**
 * GCP: Cloud Run (managed runtime), Cloud SQL for PostgreSQL on private IP, Memorystore for Redis through
 * private services access, Pub/Sub with a dead-letter topic, Cloud Storage, and Cloud CDN on an external
 * HTTPS load balancer. With the Kubernetes runtime the data services join the cluster's VPC network.
 */
export function renderGcpTerraform(
  plan: Plan,
  catalog: SizeCatalog,
  tf: TerraformBuilder = new TerraformBuilder(),
): TerraformDocument {
  checkRenderable(plan);
  if (plan.workload === 'static-site') {
    throw new InputError(
      'static sites are rendered for aws only: Cloud CDN backend buckets need publicly readable objects, which the no-public-data guardrail forbids',
    );
  }
  const name = baseName(plan);
  const region = plan.target.regions[0];
  const managed = plan.target.runtime === 'managed';
  tf.terraform({
    required_version: terraformRequiredVersion,
    required_providers: { google: providerVersions.google },
  });
  tf.provider('google', {
    project: ref('var.project_id'),
    region: ref('var.region'),
  });
  tf.variable('project_id', { type: 'string', description: 'GCP project' });
  tf.variable('region', {
    type: 'string',
    default: region,
    description: 'GCP region',
  });
  tf.local('labels', gcpLabels(plan));

  const { network, peering } = renderGcpNetwork(tf, plan, name);

  const c = plan.compute;
  // The workload's own identity: each data service grants it exactly what it needs.
  const account = tf.resource('google_service_account', 'app', {
    account_id: fitName(name, 30),
    display_name: literal(`${plan.name} (${plan.environment})`),
  });
  const target: GcpTarget = {
    tf,
    plan,
    catalog,
    name,
    region,
    managed,
    network,
    peering,
    wiring: new WorkloadWiring(),
    member: `serviceAccount:${ref(`${account}.email`)}`,
    accountEmail: ref(`${account}.email`),
    grants: [],
  };
  const { database, cache } = dedicatedServices(plan);
  if (database) renderCloudSql(target, database);
  if (cache) renderMemorystore(target, cache);
  sharedServicesOutput(tf, plan);
  if (plan.queue) renderPubSub(target, plan.queue);
  if (plan.objectStorage) renderStorageBucket(target, plan.objectStorage);
  if (managed && c) renderCloudRun(target, c);
  tf.output(
    'workload_service_account',
    target.accountEmail,
    "The workload's service account (on a cluster, bind the pod's Kubernetes service account to it with Workload Identity)",
  );
  workloadEnvironmentOutput(tf, target.wiring);
  return tf.build();
}

/** What every GCP service renders into: the document, the plan, its names and its network. */
type GcpTarget = {
  tf: TerraformBuilder;
  plan: Plan;
  catalog: SizeCatalog;
  name: string;
  region: string;
  managed: boolean;
  network: string;
  /** The private services access connection, when a database or cache needs it. */
  peering?: string;
  /** What the workload is given to reach its data services. */
  wiring: WorkloadWiring;
  /** The workload's service account as an IAM member, and its email. */
  member: string;
  accountEmail: string;
  /** IAM grants the workload must have before it starts (Cloud Run depends on them). */
  grants: string[];
};

/**
 * The network: a dedicated VPC with the app subnet (managed runtime) or the cluster's network (a
 * variable); and private services access when a database or cache needs addresses inside it.
 */
function renderGcpNetwork(tf: TerraformBuilder, plan: Plan, name: string) {
  const managed = plan.target.runtime === 'managed';
  let network: string;
  let peering: string | undefined;
  if (managed) {
    const vpc = tf.resource('google_compute_network', 'main', {
      name,
      auto_create_subnetworks: false,
    });
    network = ref(`${vpc}.id`);
    tf.resource('google_compute_subnetwork', 'app', {
      name: `${name}-app`,
      region: ref('var.region'),
      network,
      ip_cidr_range: plan.network.privateSubnets[0],
      private_ip_google_access: true,
    });
  } else {
    tf.variable('network_id', {
      type: 'string',
      description: "The Kubernetes cluster's VPC network (id)",
    });
    network = ref('var.network_id');
  }
  const { database, cache } = dedicatedServices(plan);
  if (database || cache) {
    // Private services access: Cloud SQL and Memorystore get addresses inside the network, none public.
    const range = tf.resource(
      'google_compute_global_address',
      'private_services',
      {
        name: `${name}-psa`,
        purpose: 'VPC_PEERING',
        address_type: 'INTERNAL',
        prefix_length: 20,
        network,
        labels: LABELS,
      },
    );
    peering = tf.resource(
      'google_service_networking_connection',
      'private_services',
      {
        network,
        service: 'servicenetworking.googleapis.com',
        reserved_peering_ranges: [ref(`${range}.name`)],
      },
    );
  }
  return { network, peering };
}

// Behind Cloud CDN only the load balancer may call the service; a worker takes no outside traffic at all.
function cloudRunIngress(plan: Plan): string {
  if (plan.cdn) return 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER';
  return plan.compute?.kind === 'service'
    ? 'INGRESS_TRAFFIC_ALL'
    : 'INGRESS_TRAFFIC_INTERNAL_ONLY';
}

function renderCloudCdn(tf: TerraformBuilder, name: string, service: string) {
  tf.variable('ssl_certificate', {
    type: 'string',
    description: 'Self link of the certificate for the HTTPS load balancer',
  });
  const address = tf.resource('google_compute_global_address', 'cdn', {
    name: `${name}-cdn`,
    labels: LABELS,
  });
  const neg = tf.resource(
    'google_compute_region_network_endpoint_group',
    'app',
    {
      name: `${name}-neg`,
      region: ref('var.region'),
      network_endpoint_type: 'SERVERLESS',
      cloud_run: { service: ref(`${service}.name`) },
    },
  );
  const backend = tf.resource('google_compute_backend_service', 'app', {
    name: `${name}-backend`,
    load_balancing_scheme: 'EXTERNAL_MANAGED',
    protocol: 'HTTPS',
    enable_cdn: true,
    // Origin-driven: only what the application marks cacheable (Cache-Control: public) is cached, so
    // an API's answers for one caller are never served to another.
    cdn_policy: { cache_mode: 'USE_ORIGIN_HEADERS' },
    backend: [{ group: ref(`${neg}.id`) }],
  });
  const urlMap = tf.resource('google_compute_url_map', 'app', {
    name: `${name}-urls`,
    default_service: ref(`${backend}.id`),
  });
  const proxy = tf.resource('google_compute_target_https_proxy', 'app', {
    name: `${name}-https`,
    url_map: ref(`${urlMap}.id`),
    ssl_certificates: [ref('var.ssl_certificate')],
  });
  tf.resource('google_compute_global_forwarding_rule', 'app', {
    name: `${name}-https`,
    target: ref(`${proxy}.id`),
    port_range: '443',
    ip_address: ref(`${address}.address`),
    load_balancing_scheme: 'EXTERNAL_MANAGED',
    labels: LABELS,
  });
  tf.output(
    'cdn_ip_address',
    ref(`${address}.address`),
    'Public IP of the CDN load balancer',
  );
}

/** Cloud Run: a service (with Cloud CDN in front when asked) or a job on a schedule, in the app subnet. */
function renderCloudRun(t: GcpTarget, c: NonNullable<Plan['compute']>) {
  const { tf, plan, name, network } = t;
  tf.variable('image', {
    type: 'string',
    description: 'Container image',
    ...containerImage(plan),
  });
  const env = [
    ...t.wiring
      .sortedEnv()
      .map(([envName, value]) => ({ name: envName, value })),
    ...t.wiring.sortedSecrets().map(([envName, secret]) => ({
      name: envName,
      value_source: { secret_key_ref: { secret, version: 'latest' } },
    })),
  ];
  const container = {
    image: ref('var.image'),
    resources: {
      limits: { cpu: String(c.vcpu), memory: memory(c.memoryGb) },
    },
    ...(c.kind === 'service' ? { ports: { container_port: c.port } } : {}),
    ...(env.length ? { env } : {}),
  };
  const dependsOn = t.grants.length ? { depends_on: t.grants } : {};
  const vpcAccess = {
    network_interfaces: [
      { network, subnetwork: ref('google_compute_subnetwork.app.id') },
    ],
    egress: 'PRIVATE_RANGES_ONLY',
  };
  if (c.kind === 'job') {
    const job = tf.resource('google_cloud_run_v2_job', 'app', {
      name,
      location: ref('var.region'),
      deletion_protection: false,
      labels: LABELS,
      template: {
        parallelism: c.minInstances,
        task_count: c.minInstances,
        template: {
          service_account: t.accountEmail,
          containers: [container],
          vpc_access: vpcAccess,
        },
      },
      ...dependsOn,
    });
    tf.variable('scheduler_service_account', {
      type: 'string',
      description: 'Service account email Cloud Scheduler runs the job as',
    });
    tf.resource('google_cloud_scheduler_job', 'app', {
      name,
      region: ref('var.region'),
      schedule: literal(c.schedule!),
      time_zone: 'Etc/UTC',
      http_target: {
        http_method: 'POST',
        uri: `https://run.googleapis.com/v2/${ref(`${job}.id`)}:run`,
        oauth_token: {
          service_account_email: ref('var.scheduler_service_account'),
        },
      },
    });
  } else {
    const service = tf.resource('google_cloud_run_v2_service', 'app', {
      name,
      location: ref('var.region'),
      deletion_protection: false,
      labels: LABELS,
      ingress: cloudRunIngress(plan),
      template: {
        scaling: {
          min_instance_count: c.minInstances,
          max_instance_count: c.maxInstances,
        },
        service_account: t.accountEmail,
        containers: [container],
        vpc_access: vpcAccess,
      },
      ...dependsOn,
    });
    if (c.kind === 'service') {
      tf.resource('google_cloud_run_v2_service_iam_member', 'public', {
        name: ref(`${service}.name`),
        location: ref(`${service}.location`),
        role: 'roles/run.invoker',
        member: 'allUsers',
      });
      tf.output('service_url', ref(`${service}.uri`), 'Cloud Run URL');
    }
    if (plan.cdn) renderCloudCdn(tf, name, service);
  }
}

/** Cloud SQL PostgreSQL on private services access only, TLS required, with its replicas. */
function renderCloudSql(t: GcpTarget, db: NonNullable<Plan['database']>) {
  const { tf, plan, catalog, name, network, peering } = t;
  const controls = planControls(plan);
  const audit = controls.auditLogRetentionDays;
  const settings = (replica: boolean) => ({
    tier: catalog.providers.gcp.database[db.sizeClass],
    // PostgreSQL 16 defaults to Enterprise Plus, which refuses the db-custom-* tiers at apply.
    edition: 'ENTERPRISE',
    availability_type: db.multiZone && !replica ? 'REGIONAL' : 'ZONAL',
    disk_type: 'PD_SSD',
    disk_size: db.storageGb,
    disk_autoresize: true,
    ip_configuration: {
      ipv4_enabled: db.publicAccess,
      private_network: network,
      ssl_mode: db.encryption.inTransit
        ? 'ENCRYPTED_ONLY'
        : 'ALLOW_UNENCRYPTED_AND_ENCRYPTED',
    },
    // IAM database authentication: clients log in with their service account, there is no password.
    database_flags: [
      { name: 'cloudsql.iam_authentication', value: 'on' },
      // Audit and access logging (pgAudit and every connection) into Cloud Logging.
      ...(audit
        ? [
            { name: 'cloudsql.enable_pgaudit', value: 'on' },
            { name: 'pgaudit.log', value: 'ddl,role,write' },
            { name: 'log_connections', value: 'on' },
            { name: 'log_disconnections', value: 'on' },
          ]
        : []),
    ],
    ...(replica
      ? {}
      : {
          backup_configuration: {
            enabled: db.backupRetentionDays > 0,
            point_in_time_recovery_enabled: db.pointInTimeRecovery,
            backup_retention_settings: {
              retained_backups: db.backupRetentionDays,
            },
            ...(db.pointInTimeRecovery
              ? {
                  transaction_log_retention_days: Math.min(
                    7,
                    db.backupRetentionDays,
                  ),
                }
              : {}),
          },
        }),
    user_labels: LABELS,
  });
  const main = tf.resource('google_sql_database_instance', 'main', {
    name,
    database_version: `POSTGRES_${db.version}`,
    region: ref('var.region'),
    deletion_protection: controls.deletionProtection,
    settings: settings(false),
    depends_on: [peering!],
  });
  for (let i = 0; i < db.replicas; i++) {
    tf.resource('google_sql_database_instance', `replica_${i}`, {
      name: `${name}-replica-${i}`,
      database_version: `POSTGRES_${db.version}`,
      region: ref('var.region'),
      master_instance_name: ref(`${main}.name`),
      deletion_protection: false,
      settings: settings(true),
    });
  }
  tf.output(
    'database_connection_name',
    ref(`${main}.connection_name`),
    'Cloud SQL connection name',
  );
  tf.output(
    'database_private_ip',
    ref(`${main}.private_ip_address`),
    'Cloud SQL private IP',
  );
  if (controls.deletionProtection) tf.touch('deletion-protection', main);
  if (controls.minBackupRetentionDays) tf.touch('backup-retention', main);
  if (db.encryption.inTransit) tf.touch('tls-only', main);
  if (audit) {
    // The instance's logs go to a log bucket of their own, kept as long as the control says.
    const bucket = tf.resource(
      'google_logging_project_bucket_config',
      'audit',
      {
        project: ref('var.project_id'),
        location: 'global',
        bucket_id: fitName(`${name}-audit`, 100),
        retention_days: audit,
        description: literal(`Database audit logs of ${plan.name}`),
      },
    );
    const sink = tf.resource('google_logging_project_sink', 'audit', {
      name: fitName(`${name}-audit`, 100),
      destination: `logging.googleapis.com/${ref(`${bucket}.id`)}`,
      filter: `resource.type="cloudsql_database" AND resource.labels.database_id="${ref(
        'var.project_id',
      )}:${ref(`${main}.name`)}"`,
    });
    tf.touch('audit-logging', main, bucket, sink);
  }
  // The workload logs in as its service account (IAM database authentication): no password exists.
  const database = tf.resource('google_sql_database', 'app', {
    name: 'app',
    instance: ref(`${main}.name`),
  });
  const user = tf.resource('google_sql_user', 'app', {
    name: ref(
      'trimsuffix(google_service_account.app.email, ".gserviceaccount.com")',
    ),
    instance: ref(`${main}.name`),
    type: 'CLOUD_IAM_SERVICE_ACCOUNT',
  });
  for (const [key, role] of [
    ['cloudsql_client', 'roles/cloudsql.client'],
    ['cloudsql_instance_user', 'roles/cloudsql.instanceUser'],
  ])
    t.grants.push(
      tf.resource('google_project_iam_member', key, {
        project: ref('var.project_id'),
        role,
        member: t.member,
      }),
    );
  t.wiring
    .setting('DATABASE_HOST', ref(`${main}.private_ip_address`))
    .setting('DATABASE_PORT', 5432)
    .setting('DATABASE_NAME', ref(`${database}.name`))
    .setting('DATABASE_USER', ref(`${user}.name`))
    .setting('DATABASE_SSLMODE', 'require')
    .setting('DATABASE_AUTH', 'iam')
    .setting('DATABASE_CONNECTION_NAME', ref(`${main}.connection_name`));
}

/** Memorystore Redis on private services access, in-transit encryption when asked. */
function renderMemorystore(t: GcpTarget, cache: NonNullable<Plan['cache']>) {
  const { tf, catalog, name, network, peering } = t;
  const tier = cache.replicas > 0 ? 'STANDARD_HA' : 'BASIC';
  const redis = tf.resource('google_redis_instance', 'main', {
    name: fitName(name, 40),
    region: ref('var.region'),
    tier,
    memory_size_gb: catalog.cache[cache.sizeClass].memoryGb,
    redis_version: `REDIS_${cache.version}_0`,
    authorized_network: network,
    connect_mode: 'PRIVATE_SERVICE_ACCESS',
    auth_enabled: true,
    transit_encryption_mode: cache.encryption.inTransit
      ? 'SERVER_AUTHENTICATION'
      : 'DISABLED',
    ...(cache.replicas > 0
      ? {
          replica_count: cache.replicas,
          read_replicas_mode: 'READ_REPLICAS_ENABLED',
        }
      : {}),
    labels: LABELS,
    depends_on: [peering!],
  });
  if (cache.encryption.inTransit) tf.touch('tls-only', redis);
  tf.output(
    'cache_host',
    ref(`${redis}.host`),
    'Memorystore host (the AUTH string stays in Secret Manager)',
  );
  // The AUTH string goes to Secret Manager (in the Terraform state, never in these files), readable
  // by the workload alone.
  const secret = tf.resource('google_secret_manager_secret', 'cache_auth', {
    secret_id: fitName(`${name}-redis-auth`, 255),
    replication: { auto: {} },
    labels: LABELS,
  });
  tf.resource('google_secret_manager_secret_version', 'cache_auth', {
    secret: ref(`${secret}.id`),
    secret_data: ref(`${redis}.auth_string`),
  });
  t.grants.push(
    tf.resource('google_secret_manager_secret_iam_member', 'cache_auth', {
      secret_id: ref(`${secret}.secret_id`),
      role: 'roles/secretmanager.secretAccessor',
      member: t.member,
    }),
  );
  t.wiring
    .setting('REDIS_HOST', ref(`${redis}.host`))
    .setting('REDIS_PORT', ref(`${redis}.port`))
    .setting('REDIS_TLS', cache.encryption.inTransit)
    .secret('REDIS_PASSWORD', ref(`${secret}.secret_id`));
}

/** A Pub/Sub topic and its subscription, with a dead-letter topic. */
function renderPubSub(t: GcpTarget, queue: NonNullable<Plan['queue']>) {
  const { tf, name } = t;
  const retention = `${queue.retentionDays * 86400}s`;
  const dlq = tf.resource('google_pubsub_topic', 'dead_letter', {
    name: `${name}-dlq`,
    labels: LABELS,
  });
  const topic = tf.resource('google_pubsub_topic', 'main', {
    name,
    message_retention_duration: retention,
    labels: LABELS,
  });
  const sub = tf.resource('google_pubsub_subscription', 'main', {
    name,
    topic: ref(`${topic}.id`),
    message_retention_duration: retention,
    ack_deadline_seconds: 60,
    dead_letter_policy: {
      dead_letter_topic: ref(`${dlq}.id`),
      max_delivery_attempts: 5,
    },
    labels: LABELS,
  });
  tf.output('queue_topic', ref(`${topic}.name`), 'Pub/Sub topic');
  tf.output('queue_subscription', ref(`${sub}.name`), 'Pub/Sub subscription');
  t.grants.push(
    tf.resource('google_pubsub_topic_iam_member', 'publisher', {
      topic: ref(`${topic}.name`),
      role: 'roles/pubsub.publisher',
      member: t.member,
    }),
    tf.resource('google_pubsub_subscription_iam_member', 'subscriber', {
      subscription: ref(`${sub}.name`),
      role: 'roles/pubsub.subscriber',
      member: t.member,
    }),
  );
  t.wiring
    .setting('GOOGLE_CLOUD_PROJECT', ref('var.project_id'))
    .setting('QUEUE_TOPIC', ref(`${topic}.name`))
    .setting('QUEUE_SUBSCRIPTION', ref(`${sub}.name`));
}

/** A private Cloud Storage bucket (versioned when asked). */
function renderStorageBucket(
  t: GcpTarget,
  storage: NonNullable<Plan['objectStorage']>,
) {
  const { tf, name } = t;
  const bucket = tf.resource('google_storage_bucket', 'assets', {
    name: fitName(`${name}-assets`, 63),
    location: ref('var.region'),
    uniform_bucket_level_access: true,
    public_access_prevention: storage.publicAccess ? 'inherited' : 'enforced',
    versioning: { enabled: storage.versioning },
    labels: LABELS,
  });
  tf.output('bucket_name', ref(`${bucket}.name`), 'Cloud Storage bucket');
  t.grants.push(
    tf.resource('google_storage_bucket_iam_member', 'app', {
      bucket: ref(`${bucket}.name`),
      role: 'roles/storage.objectUser',
      member: t.member,
    }),
  );
  t.wiring.setting('BUCKET_NAME', ref(`${bucket}.name`));
}
