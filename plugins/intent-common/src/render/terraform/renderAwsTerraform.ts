import { Plan } from '../../plan/planTypes';
import { PlanControls } from '../../platform/complianceProfiles';
import { baseName, fitName } from '../resourceNames';
import {
  awsCron,
  checkRenderable,
  containerImage,
  dedicatedServices,
  escapedTags,
  planControls,
  sharedServicesOutput,
  STATIC_PATHS,
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
import { SizeCatalog } from '../../platform/sizeCatalog';

const TAGS = ref('local.tags');
const assumeRolePolicy = (service: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: service },
        Action: 'sts:AssumeRole',
      },
    ],
  });

/**
 * AWS: ECS Fargate behind an ALB (managed runtime), RDS PostgreSQL, ElastiCache Redis, SQS, S3 and
 * CloudFront, in a dedicated VPC with data in private subnets. With the Kubernetes runtime only the data
 * services are rendered, into the cluster's VPC (given as variables).
 */
export function renderAwsTerraform(
  plan: Plan,
  catalog: SizeCatalog,
  tf: TerraformBuilder = new TerraformBuilder(),
): TerraformDocument {
  checkRenderable(plan);
  const name = baseName(plan);
  const managed = plan.target.runtime === 'managed';
  const c = plan.compute;
  tf.terraform({
    required_version: terraformRequiredVersion,
    required_providers: { aws: providerVersions.aws },
  });
  tf.provider('aws', { region: ref('var.region') });
  tf.variable('region', {
    type: 'string',
    default: plan.target.regions[0],
    description: 'AWS region',
  });
  tf.local('name', name);
  tf.local('tags', escapedTags(plan));

  const net = managed ? renderAwsVpc(tf, plan, name) : clusterNetwork(tf);
  // Data services first: each says what the workload needs to reach it.
  const controls = planControls(plan);
  const access: AwsAccess = {
    wiring: new WorkloadWiring(),
    taskStatements: [],
    secretArns: [],
    bucketStatements: [],
    controls,
  };
  if (controls.customerManagedKeys) {
    // One key for this environment's data, rotated yearly by KMS.
    access.kmsKey = tf.resource('aws_kms_key', 'data', {
      description: literal(`Data of ${plan.name} (${plan.environment})`),
      enable_key_rotation: true,
      deletion_window_in_days: 30,
      tags: TAGS,
    });
    tf.touch('customer-managed-keys', access.kmsKey);
  }
  const { database, cache } = dedicatedServices(plan);
  if (database) renderRds(tf, name, catalog, net, database, access);
  if (cache) renderElastiCache(tf, plan, name, catalog, net, cache, access);
  sharedServicesOutput(tf, plan);
  if (plan.queue) renderSqs(tf, name, plan.queue, access);
  const bucket = plan.objectStorage
    ? renderS3(tf, name, plan.objectStorage, access)
    : undefined;
  if (net.app && c)
    renderEcs(
      tf,
      plan,
      name,
      {
        ...net.app,
        vpcId: net.vpcId,
        appSecurityGroup: net.clientSecurityGroup,
      },
      access,
    );
  if (plan.cdn) renderCloudFront(tf, plan, name, bucket, access);
  if (bucket && access.bucketStatements.length) {
    const policy = tf.resource('aws_s3_bucket_policy', 'assets', {
      bucket: ref(`${bucket}.id`),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: access.bucketStatements,
      }),
    });
    if (controls.tlsOnly) tf.touch('tls-only', policy);
  }
  workloadEnvironmentOutput(tf, access.wiring);
  return tf.build();
}

/** What the workload is given to reach its data services, and the IAM it needs for them. */
type AwsAccess = {
  wiring: WorkloadWiring;
  /** Statements of the task role's policy: least privilege on exactly this environment's resources. */
  taskStatements: Array<Record<string, unknown>>;
  /** Secrets Manager secrets the task execution role reads to inject secrets at start. */
  secretArns: string[];
  /** The bucket policy's statements (CloudFront's read, TLS only), written once. */
  bucketStatements: Array<Record<string, unknown>>;
  controls: PlanControls;
  /** The environment's customer-managed KMS key, when a compliance profile asks for one. */
  kmsKey?: string;
};

/** Records each control in `changed` whose setting is in force on `address`. */
function touchAll(
  tf: TerraformBuilder,
  address: string,
  changed: Partial<Record<string, boolean>>,
) {
  for (const [control, held] of Object.entries(changed))
    if (held) tf.touch(control, address);
}

/** A statement refusing any request that does not use TLS (`aws:SecureTransport`). */
function denyInsecureTransport(action: string, resources: string[]) {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: action,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

/**
 * Where the data services go and who may reach them: subnet ids (each a Terraform reference), or on a
 * Kubernetes cluster's VPC the list variable that holds them; and, for the managed runtime, the
 * application's subnets.
 */
type AwsNetwork = {
  vpcId: string;
  dataSubnets: string[] | string;
  clientSecurityGroup: string;
  app?: { privateSubnets: string[]; publicSubnets: string[] };
};

/** A dedicated VPC: public, private and data subnets per zone, NAT gateways, and the application's security group. */
function renderAwsVpc(
  tf: TerraformBuilder,
  plan: Plan,
  name: string,
): AwsNetwork {
  const vpc = tf.resource('aws_vpc', 'main', {
    cidr_block: plan.network.cidr,
    enable_dns_hostnames: true,
    enable_dns_support: true,
    tags: TAGS,
  });
  const vpcId = ref(`${vpc}.id`);
  const igw = tf.resource('aws_internet_gateway', 'main', {
    vpc_id: vpcId,
    tags: TAGS,
  });
  // Routes are their own resources: the route table's inline `route` is an "attributes as blocks"
  // field that, in JSON, needs every one of its attributes spelled out.
  const publicRt = tf.resource('aws_route_table', 'public', {
    vpc_id: vpcId,
    tags: TAGS,
  });
  tf.resource('aws_route', 'public_internet', {
    route_table_id: ref(`${publicRt}.id`),
    destination_cidr_block: '0.0.0.0/0',
    gateway_id: ref(`${igw}.id`),
  });
  const subnets = {
    public: [] as string[],
    private: [] as string[],
    data: [] as string[],
  };
  plan.network.zones.forEach((zone, i) => {
    subnets.public.push(
      tf.resource('aws_subnet', `public_${i}`, {
        vpc_id: vpcId,
        cidr_block: plan.network.publicSubnets[i],
        availability_zone: zone,
        tags: TAGS,
      }),
    );
    subnets.private.push(
      tf.resource('aws_subnet', `private_${i}`, {
        vpc_id: vpcId,
        cidr_block: plan.network.privateSubnets[i],
        availability_zone: zone,
        tags: TAGS,
      }),
    );
    subnets.data.push(
      tf.resource('aws_subnet', `data_${i}`, {
        vpc_id: vpcId,
        cidr_block: plan.network.dataSubnets[i],
        availability_zone: zone,
        tags: TAGS,
      }),
    );
    tf.resource('aws_route_table_association', `public_${i}`, {
      subnet_id: ref(`${subnets.public[i]}.id`),
      route_table_id: ref(`${publicRt}.id`),
    });
  });
  const nats: string[] = [];
  for (let i = 0; i < plan.network.natGateways; i++) {
    const eip = tf.resource('aws_eip', `nat_${i}`, {
      domain: 'vpc',
      tags: TAGS,
    });
    nats.push(
      tf.resource('aws_nat_gateway', `nat_${i}`, {
        allocation_id: ref(`${eip}.id`),
        subnet_id: ref(`${subnets.public[i]}.id`),
        tags: TAGS,
        depends_on: [igw],
      }),
    );
  }
  plan.network.zones.forEach((_, i) => {
    // Data subnets get a route table without any route out: data services never reach the internet.
    const privateRt = tf.resource('aws_route_table', `private_${i}`, {
      vpc_id: vpcId,
      tags: TAGS,
    });
    if (nats.length)
      tf.resource('aws_route', `private_${i}_nat`, {
        route_table_id: ref(`${privateRt}.id`),
        destination_cidr_block: '0.0.0.0/0',
        nat_gateway_id: ref(`${nats[Math.min(i, nats.length - 1)]}.id`),
      });
    tf.resource('aws_route_table_association', `private_${i}`, {
      subnet_id: ref(`${subnets.private[i]}.id`),
      route_table_id: ref(`${privateRt}.id`),
    });
  });
  const dataRt = tf.resource('aws_route_table', 'data', {
    vpc_id: vpcId,
    tags: TAGS,
  });
  subnets.data.forEach((s, i) =>
    tf.resource('aws_route_table_association', `data_${i}`, {
      subnet_id: ref(`${s}.id`),
      route_table_id: ref(`${dataRt}.id`),
    }),
  );
  const ids = (xs: string[]) => xs.map(x => ref(`${x}.id`));
  const app = tf.resource('aws_security_group', 'app', {
    name: `${name}-app`,
    description: 'Application tasks',
    vpc_id: vpcId,
    egress: [egressAll()],
    ingress: [],
    tags: TAGS,
  });
  return {
    vpcId,
    dataSubnets: ids(subnets.data),
    clientSecurityGroup: ref(`${app}.id`),
    app: {
      privateSubnets: ids(subnets.private),
      publicSubnets: ids(subnets.public),
    },
  };
}

/** With the Kubernetes runtime the data services join the cluster's VPC, given as variables. */
function clusterNetwork(tf: TerraformBuilder): AwsNetwork {
  tf.variable('vpc_id', {
    type: 'string',
    description: "The Kubernetes cluster's VPC",
  });
  tf.variable('data_subnet_ids', {
    type: 'list(string)',
    description: 'Private subnets of the cluster VPC for data services',
  });
  tf.variable('cluster_security_group_id', {
    type: 'string',
    description:
      'Security group of the cluster nodes (the only clients of the data services)',
  });
  return {
    vpcId: ref('var.vpc_id'),
    dataSubnets: ref('var.data_subnet_ids'),
    clientSecurityGroup: ref('var.cluster_security_group_id'),
  };
}

/** A data service's security group (its port, from the application only) and its subnet group. */
function dataServiceAccess(
  tf: TerraformBuilder,
  net: AwsNetwork,
  service: {
    key: string;
    name: string;
    description: string;
    port: number;
    subnetGroupType: string;
    subnetGroupName: string;
  },
) {
  const sg = tf.resource('aws_security_group', service.key, {
    name: service.name,
    description: service.description,
    vpc_id: net.vpcId,
    ingress: [sgRule(service.port, net.clientSecurityGroup)],
    egress: [],
    tags: TAGS,
  });
  const subnetGroup = tf.resource(service.subnetGroupType, 'main', {
    name: service.subnetGroupName,
    subnet_ids: net.dataSubnets,
    tags: TAGS,
  });
  return { sg, subnetGroup };
}

/** RDS PostgreSQL in the data subnets, TLS only, with its replicas; the password stays in Secrets Manager. */
function renderRds(
  tf: TerraformBuilder,
  name: string,
  catalog: SizeCatalog,
  net: AwsNetwork,
  db: NonNullable<Plan['database']>,
  access: AwsAccess,
) {
  const { sg, subnetGroup } = dataServiceAccess(tf, net, {
    key: 'database',
    name: `${name}-db`,
    description: 'PostgreSQL, reachable from the application only',
    port: 5432,
    subnetGroupType: 'aws_db_subnet_group',
    subnetGroupName: name,
  });
  const audit = access.controls.auditLogRetentionDays;
  const params = tf.resource('aws_db_parameter_group', 'main', {
    name: `${name}-pg${db.version}`,
    family: `postgres${db.version}`,
    parameter: [
      { name: 'rds.force_ssl', value: '1' },
      // Access logging: every connection and disconnection, with its user and source.
      ...(audit
        ? [
            { name: 'log_connections', value: '1' },
            { name: 'log_disconnections', value: '1' },
          ]
        : []),
    ],
    tags: TAGS,
  });
  if (access.controls.tlsOnly) tf.touch('tls-only', params);
  // RDS writes the exported logs here; created before the instance, so their retention is the control's.
  const auditLogs = audit
    ? tf.resource('aws_cloudwatch_log_group', 'database', {
        name: `/aws/rds/instance/${name}/postgresql`,
        retention_in_days: audit,
        tags: TAGS,
      })
    : undefined;
  const main = tf.resource('aws_db_instance', 'main', {
    identifier: name,
    engine: 'postgres',
    engine_version: db.version,
    instance_class: catalog.providers.aws.database[db.sizeClass],
    allocated_storage: db.storageGb,
    storage_type: 'gp3',
    storage_encrypted: db.encryption.atRest,
    multi_az: db.multiZone,
    // RDS restores to any point in the backup window whenever automated backups are on.
    backup_retention_period: db.backupRetentionDays,
    publicly_accessible: db.publicAccess,
    db_subnet_group_name: ref(`${subnetGroup}.name`),
    vpc_security_group_ids: [ref(`${sg}.id`)],
    parameter_group_name: ref(`${params}.name`),
    db_name: 'app',
    username: 'app',
    // The password lives in Secrets Manager, generated and rotated by RDS; no value passes through Terraform.
    manage_master_user_password: true,
    deletion_protection: access.controls.deletionProtection,
    skip_final_snapshot: !access.controls.deletionProtection,
    ...(access.controls.deletionProtection
      ? { final_snapshot_identifier: `${name}-final` }
      : {}),
    ...(access.kmsKey
      ? {
          kms_key_id: ref(`${access.kmsKey}.arn`),
          master_user_secret_kms_key_id: ref(`${access.kmsKey}.key_id`),
        }
      : {}),
    ...(auditLogs
      ? {
          enabled_cloudwatch_logs_exports: ['postgresql'],
          depends_on: [auditLogs],
        }
      : {}),
    tags: TAGS,
  });
  touchAll(tf, main, {
    'deletion-protection': access.controls.deletionProtection,
    'customer-managed-keys': !!access.kmsKey,
    'backup-retention': access.controls.minBackupRetentionDays !== undefined,
    'tls-only': access.controls.tlsOnly,
  });
  if (auditLogs) tf.touch('audit-logging', main, auditLogs, params);
  for (let i = 0; i < db.replicas; i++) {
    tf.resource('aws_db_instance', `replica_${i}`, {
      identifier: `${name}-replica-${i}`,
      replicate_source_db: ref(`${main}.identifier`),
      instance_class: catalog.providers.aws.database[db.sizeClass],
      storage_encrypted: db.encryption.atRest,
      publicly_accessible: db.publicAccess,
      vpc_security_group_ids: [ref(`${sg}.id`)],
      parameter_group_name: ref(`${params}.name`),
      skip_final_snapshot: true,
      ...(access.kmsKey ? { kms_key_id: ref(`${access.kmsKey}.arn`) } : {}),
      tags: TAGS,
    });
  }
  tf.output(
    'database_endpoint',
    ref(`${main}.endpoint`),
    'PostgreSQL endpoint (host:port)',
  );
  const secretArn = ref(`${main}.master_user_secret[0].secret_arn`);
  tf.output(
    'database_secret_arn',
    secretArn,
    'ARN of the Secrets Manager secret holding the database credentials (not the value)',
  );
  access.wiring
    .setting('DATABASE_HOST', ref(`${main}.address`))
    .setting('DATABASE_PORT', ref(`${main}.port`))
    .setting('DATABASE_NAME', 'app')
    .setting('DATABASE_USER', 'app')
    .setting('DATABASE_SSLMODE', 'require')
    // The JSON key `password` of the secret RDS manages (ECS's `arn:json-key::` form).
    .secret('DATABASE_PASSWORD', `${secretArn}:password::`);
  if (db.replicas > 0) {
    // A local, so the quoted separator stays out of the task's JSON-encoded container definitions.
    tf.local(
      'database_replica_hosts',
      ref(
        `join(",", [${Array.from(
          { length: db.replicas },
          (_, i) => `aws_db_instance.replica_${i}.address`,
        ).join(', ')}])`,
      ),
    );
    access.wiring.setting(
      'DATABASE_REPLICA_HOSTS',
      ref('local.database_replica_hosts'),
    );
  }
  access.secretArns.push(secretArn);
}

/** ElastiCache Redis in the data subnets, reachable from the application only. */
function renderElastiCache(
  tf: TerraformBuilder,
  plan: Plan,
  name: string,
  catalog: SizeCatalog,
  net: AwsNetwork,
  cache: NonNullable<Plan['cache']>,
  access: AwsAccess,
) {
  const { sg, subnetGroup } = dataServiceAccess(tf, net, {
    key: 'cache',
    name: `${name}-cache`,
    description: 'Redis, reachable from the application only',
    port: 6379,
    subnetGroupType: 'aws_elasticache_subnet_group',
    subnetGroupName: name,
  });
  const group = tf.resource('aws_elasticache_replication_group', 'main', {
    replication_group_id: fitName(name, 40),
    description: literal(`Redis for ${plan.name} (${plan.environment})`),
    engine: 'redis',
    engine_version: '7.1',
    node_type: catalog.providers.aws.cache[cache.sizeClass].single,
    num_cache_clusters: 1 + cache.replicas,
    automatic_failover_enabled: cache.replicas > 0,
    multi_az_enabled: cache.multiZone && cache.replicas > 0,
    at_rest_encryption_enabled: cache.encryption.atRest,
    transit_encryption_enabled: cache.encryption.inTransit,
    subnet_group_name: ref(`${subnetGroup}.name`),
    security_group_ids: [ref(`${sg}.id`)],
    ...(access.kmsKey ? { kms_key_id: ref(`${access.kmsKey}.arn`) } : {}),
    tags: TAGS,
  });
  touchAll(tf, group, {
    'customer-managed-keys': !!access.kmsKey,
    'tls-only': access.controls.tlsOnly && cache.encryption.inTransit,
  });
  tf.output(
    'cache_endpoint',
    ref(`${group}.primary_endpoint_address`),
    'Redis primary endpoint',
  );
  // Reachable from the application's security group only; no password to hand out.
  access.wiring
    .setting('REDIS_HOST', ref(`${group}.primary_endpoint_address`))
    .setting('REDIS_PORT', 6379)
    .setting('REDIS_TLS', cache.encryption.inTransit);
}

/** An SQS queue with its dead-letter queue. */
function renderSqs(
  tf: TerraformBuilder,
  name: string,
  queue: NonNullable<Plan['queue']>,
  access: AwsAccess,
) {
  const encryption = access.kmsKey
    ? { kms_master_key_id: ref(`${access.kmsKey}.id`) }
    : { sqs_managed_sse_enabled: queue.encryption.atRest };
  const dlq = tf.resource('aws_sqs_queue', 'dead_letter', {
    name: `${name}-dlq`,
    message_retention_seconds: 14 * 86400,
    ...encryption,
    tags: TAGS,
  });
  const main = tf.resource('aws_sqs_queue', 'main', {
    name,
    message_retention_seconds: queue.retentionDays * 86400,
    ...encryption,
    redrive_policy: JSON.stringify({
      deadLetterTargetArn: ref(`${dlq}.arn`),
      maxReceiveCount: 5,
    }),
    tags: TAGS,
  });
  tf.output('queue_url', ref(`${main}.url`), 'SQS queue URL');
  if (access.kmsKey) tf.touch('customer-managed-keys', main, dlq);
  if (access.controls.tlsOnly) {
    const policy = tf.resource('aws_sqs_queue_policy', 'main', {
      queue_url: ref(`${main}.id`),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [denyInsecureTransport('sqs:*', [ref(`${main}.arn`)])],
      }),
    });
    tf.touch('tls-only', policy);
  }
  access.wiring.setting('QUEUE_URL', ref(`${main}.url`));
  access.taskStatements.push({
    Sid: 'Queue',
    Effect: 'Allow',
    Action: [
      'sqs:SendMessage',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
      'sqs:ChangeMessageVisibility',
      'sqs:GetQueueAttributes',
    ],
    Resource: ref(`${main}.arn`),
  });
  if (access.kmsKey)
    access.taskStatements.push({
      Sid: 'DataKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: ref(`${access.kmsKey}.arn`),
    });
}

/** A private, encrypted S3 bucket (versioned when asked); returns its address for CloudFront. */
function renderS3(
  tf: TerraformBuilder,
  name: string,
  storage: NonNullable<Plan['objectStorage']>,
  access: AwsAccess,
): string {
  const bucket = tf.resource('aws_s3_bucket', 'assets', {
    bucket: fitName(`${name}-assets`, 63),
    tags: TAGS,
  });
  tf.resource('aws_s3_bucket_public_access_block', 'assets', {
    bucket: ref(`${bucket}.id`),
    block_public_acls: true,
    block_public_policy: true,
    ignore_public_acls: true,
    restrict_public_buckets: true,
  });
  const sse = tf.resource(
    'aws_s3_bucket_server_side_encryption_configuration',
    'assets',
    {
      bucket: ref(`${bucket}.id`),
      rule: [
        {
          apply_server_side_encryption_by_default: [
            {
              sse_algorithm: 'aws:kms',
              ...(access.kmsKey
                ? { kms_master_key_id: ref(`${access.kmsKey}.arn`) }
                : {}),
            },
          ],
          bucket_key_enabled: !!access.kmsKey,
        },
      ],
    },
  );
  if (access.kmsKey) tf.touch('customer-managed-keys', sse);
  if (access.controls.tlsOnly)
    access.bucketStatements.push(
      denyInsecureTransport('s3:*', [
        ref(`${bucket}.arn`),
        `${ref(`${bucket}.arn`)}/*`,
      ]),
    );
  if (storage.versioning) {
    tf.resource('aws_s3_bucket_versioning', 'assets', {
      bucket: ref(`${bucket}.id`),
      versioning_configuration: [{ status: 'Enabled' }],
    });
  }
  tf.output('bucket_name', ref(`${bucket}.bucket`), 'S3 bucket name');
  access.wiring.setting('BUCKET_NAME', ref(`${bucket}.bucket`));
  access.taskStatements.push(
    {
      Sid: 'BucketObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      Resource: `${ref(`${bucket}.arn`)}/*`,
    },
    {
      Sid: 'BucketList',
      Effect: 'Allow',
      Action: ['s3:ListBucket'],
      Resource: ref(`${bucket}.arn`),
    },
  );
  return bucket;
}

function egressAll() {
  return {
    description: 'all egress',
    from_port: 0,
    to_port: 0,
    protocol: '-1',
    cidr_blocks: ['0.0.0.0/0'],
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    security_groups: [],
    self: false,
  };
}

function sgRule(
  port: number,
  source: string,
  description = 'from the application',
) {
  return {
    description,
    from_port: port,
    to_port: port,
    protocol: 'tcp',
    cidr_blocks: [],
    ipv6_cidr_blocks: [],
    prefix_list_ids: [],
    security_groups: [source],
    self: false,
  };
}

function renderEcs(
  tf: TerraformBuilder,
  plan: Plan,
  name: string,
  net: {
    privateSubnets: string[];
    publicSubnets: string[];
    vpcId: string;
    appSecurityGroup: string;
  },
  access: AwsAccess,
) {
  const c = plan.compute!;
  tf.variable('image', {
    type: 'string',
    description: 'Container image',
    ...containerImage(plan),
  });
  const cluster = tf.resource('aws_ecs_cluster', 'main', {
    name,
    setting: [{ name: 'containerInsights', value: 'enabled' }],
    tags: TAGS,
  });
  const logs = tf.resource('aws_cloudwatch_log_group', 'app', {
    name: `/cairn/${name}`,
    retention_in_days: access.controls.auditLogRetentionDays ?? 30,
    tags: TAGS,
  });
  if (access.controls.auditLogRetentionDays) tf.touch('audit-logging', logs);
  const execRole = tf.resource('aws_iam_role', 'task_execution', {
    name: fitName(`${name}-exec`, 64),
    assume_role_policy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
    tags: TAGS,
  });
  tf.resource('aws_iam_role_policy_attachment', 'task_execution', {
    role: ref(`${execRole}.name`),
    policy_arn:
      'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
  });
  if (access.secretArns.length)
    tf.resource('aws_iam_role_policy', 'task_execution_secrets', {
      name: 'read-environment-secrets',
      role: ref(`${execRole}.id`),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['secretsmanager:GetSecretValue'],
            Resource: access.secretArns,
          },
        ],
      }),
    });
  // The application's own identity: exactly this environment's queue and bucket.
  const taskRole = tf.resource('aws_iam_role', 'task', {
    name: fitName(`${name}-task`, 64),
    assume_role_policy: assumeRolePolicy('ecs-tasks.amazonaws.com'),
    tags: TAGS,
  });
  if (access.taskStatements.length)
    tf.resource('aws_iam_role_policy', 'task', {
      name: 'data-services',
      role: ref(`${taskRole}.id`),
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: access.taskStatements,
      }),
    });
  const containers = JSON.stringify([
    {
      name: 'app',
      image: ref('var.image'),
      essential: true,
      environment: access.wiring
        .sortedEnv()
        .map(([envName, value]) => ({ name: envName, value })),
      secrets: access.wiring
        .sortedSecrets()
        .map(([envName, valueFrom]) => ({ name: envName, valueFrom })),
      portMappings:
        c.kind === 'service'
          ? [{ containerPort: c.port, protocol: 'tcp' }]
          : [],
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': ref(`${logs}.name`),
          'awslogs-region': ref('var.region'),
          'awslogs-stream-prefix': 'app',
        },
      },
    },
  ]);
  const task = tf.resource('aws_ecs_task_definition', 'app', {
    family: name,
    requires_compatibilities: ['FARGATE'],
    network_mode: 'awsvpc',
    cpu: String(c.vcpu * 1024),
    memory: String(c.memoryGb * 1024),
    execution_role_arn: ref(`${execRole}.arn`),
    task_role_arn: ref(`${taskRole}.arn`),
    container_definitions: containers,
    tags: TAGS,
  });
  const networkConfiguration = [
    {
      subnets: net.privateSubnets,
      security_groups: [net.appSecurityGroup],
      assign_public_ip: false,
    },
  ];

  if (c.kind === 'job') {
    const eventsRole = tf.resource('aws_iam_role', 'schedule', {
      name: fitName(`${name}-schedule`, 64),
      assume_role_policy: assumeRolePolicy('events.amazonaws.com'),
      tags: TAGS,
    });
    tf.resource('aws_iam_role_policy_attachment', 'schedule', {
      role: ref(`${eventsRole}.name`),
      policy_arn:
        'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceEventsRole',
    });
    const rule = tf.resource('aws_cloudwatch_event_rule', 'schedule', {
      name: fitName(`${name}-schedule`, 64),
      schedule_expression: literal(awsCron(c.schedule!)),
      tags: TAGS,
    });
    tf.resource('aws_cloudwatch_event_target', 'schedule', {
      rule: ref(`${rule}.name`),
      arn: ref(`${cluster}.arn`),
      role_arn: ref(`${eventsRole}.arn`),
      ecs_target: [
        {
          task_definition_arn: ref(`${task}.arn`),
          task_count: c.minInstances,
          launch_type: 'FARGATE',
          network_configuration: networkConfiguration,
        },
      ],
    });
    return;
  }

  let loadBalancer: unknown[] = [];
  const dependsOn: string[] = [];
  if (plan.loadBalancer) {
    tf.variable('certificate_arn', {
      type: 'string',
      description: 'ACM certificate for the HTTPS listener',
    });
    const lbSg = tf.resource('aws_security_group', 'load_balancer', {
      name: `${name}-lb`,
      description: 'Public HTTPS',
      vpc_id: net.vpcId,
      ingress: [
        {
          description: 'HTTPS',
          from_port: 443,
          to_port: 443,
          protocol: 'tcp',
          cidr_blocks: ['0.0.0.0/0'],
          ipv6_cidr_blocks: [],
          prefix_list_ids: [],
          security_groups: [],
          self: false,
        },
      ],
      egress: [egressAll()],
      tags: TAGS,
    });
    const lb = tf.resource('aws_lb', 'main', {
      name: fitName(name, 32),
      load_balancer_type: 'application',
      internal: false,
      security_groups: [ref(`${lbSg}.id`)],
      subnets: net.publicSubnets,
      drop_invalid_header_fields: true,
      tags: TAGS,
    });
    const tg = tf.resource('aws_lb_target_group', 'app', {
      name: fitName(name, 32),
      port: c.port,
      protocol: 'HTTP',
      target_type: 'ip',
      vpc_id: net.vpcId,
      health_check: [{ path: '/health', matcher: '200-399' }],
      tags: TAGS,
    });
    const listener = tf.resource('aws_lb_listener', 'https', {
      load_balancer_arn: ref(`${lb}.arn`),
      port: 443,
      protocol: 'HTTPS',
      ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      certificate_arn: ref('var.certificate_arn'),
      default_action: [{ type: 'forward', target_group_arn: ref(`${tg}.arn`) }],
      tags: TAGS,
    });
    // The application accepts traffic from the load balancer only.
    tf.resource('aws_security_group', 'app_from_load_balancer', {
      name: `${name}-app-ingress`,
      description: 'Application port from the load balancer',
      vpc_id: net.vpcId,
      ingress: [sgRule(c.port, ref(`${lbSg}.id`), 'from the load balancer')],
      egress: [],
      tags: TAGS,
    });
    networkConfiguration[0].security_groups.push(
      ref('aws_security_group.app_from_load_balancer.id'),
    );
    loadBalancer = [
      {
        target_group_arn: ref(`${tg}.arn`),
        container_name: 'app',
        container_port: c.port,
      },
    ];
    dependsOn.push(listener);
    tf.output(
      'load_balancer_dns_name',
      ref(`${lb}.dns_name`),
      'Public DNS name of the load balancer',
    );
  }
  const service = tf.resource('aws_ecs_service', 'app', {
    name,
    cluster: ref(`${cluster}.id`),
    task_definition: ref(`${task}.arn`),
    desired_count: c.minInstances,
    launch_type: 'FARGATE',
    network_configuration: networkConfiguration,
    load_balancer: loadBalancer,
    tags: TAGS,
    ...(dependsOn.length ? { depends_on: dependsOn } : {}),
    // The autoscaler owns the count once the service runs; an apply must not reset it.
    lifecycle: { ignore_changes: ['desired_count'] },
  });
  const target = tf.resource('aws_appautoscaling_target', 'app', {
    min_capacity: c.minInstances,
    max_capacity: c.maxInstances,
    resource_id: `service/${ref(`${cluster}.name`)}/${ref(`${service}.name`)}`,
    scalable_dimension: 'ecs:service:DesiredCount',
    service_namespace: 'ecs',
    tags: TAGS,
  });
  tf.resource('aws_appautoscaling_policy', 'cpu', {
    name: `${name}-cpu`,
    policy_type: 'TargetTrackingScaling',
    resource_id: ref(`${target}.resource_id`),
    scalable_dimension: ref(`${target}.scalable_dimension`),
    service_namespace: ref(`${target}.service_namespace`),
    target_tracking_scaling_policy_configuration: [
      {
        target_value: 60,
        predefined_metric_specification: [
          { predefined_metric_type: 'ECSServiceAverageCPUUtilization' },
        ],
      },
    ],
  });
}

/** AWS managed CloudFront policies (the same identifiers in every account). */
const CLOUDFRONT_POLICIES = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};
function renderCloudFront(
  tf: TerraformBuilder,
  plan: Plan,
  name: string,
  bucket: string | undefined,
  access: AwsAccess,
) {
  const fromBucket = plan.cdn!.origin === 'object-storage';
  let origin: Record<string, unknown>;
  if (fromBucket) {
    const oac = tf.resource('aws_cloudfront_origin_access_control', 'assets', {
      name: fitName(name, 64),
      origin_access_control_origin_type: 's3',
      signing_behavior: 'always',
      signing_protocol: 'sigv4',
    });
    origin = {
      origin_id: 'assets',
      domain_name: ref(`${bucket}.bucket_regional_domain_name`),
      origin_access_control_id: ref(`${oac}.id`),
    };
  } else if (plan.target.runtime === 'managed') {
    origin = {
      origin_id: 'app',
      domain_name: ref('aws_lb.main.dns_name'),
      custom_origin_config: [
        {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: 'https-only',
          origin_ssl_protocols: ['TLSv1.2'],
        },
      ],
    };
  } else {
    tf.variable('ingress_hostname', {
      type: 'string',
      description:
        "Host name of the workload's ingress on the cluster (CDN origin)",
    });
    origin = {
      origin_id: 'app',
      domain_name: ref('var.ingress_hostname'),
      custom_origin_config: [
        {
          http_port: 80,
          https_port: 443,
          origin_protocol_policy: 'https-only',
          origin_ssl_protocols: ['TLSv1.2'],
        },
      ],
    };
  }
  const distribution = tf.resource('aws_cloudfront_distribution', 'main', {
    enabled: true,
    comment: literal(`${plan.name} (${plan.environment})`),
    ...(fromBucket ? { default_root_object: 'index.html' } : {}),
    origin: [origin],
    // A bucket's files are cached; an application's answers are not (they may depend on the
    // caller): every viewer header but Host (the origin's certificate names the origin), cookie and
    // query string reaches it, and only its static paths are cached.
    default_cache_behavior: [
      fromBucket
        ? {
            target_origin_id: origin.origin_id,
            viewer_protocol_policy: 'redirect-to-https',
            allowed_methods: ['GET', 'HEAD'],
            cached_methods: ['GET', 'HEAD'],
            cache_policy_id: CLOUDFRONT_POLICIES.cachingOptimized,
          }
        : {
            target_origin_id: origin.origin_id,
            viewer_protocol_policy: 'redirect-to-https',
            allowed_methods: [
              'GET',
              'HEAD',
              'OPTIONS',
              'PUT',
              'POST',
              'PATCH',
              'DELETE',
            ],
            cached_methods: ['GET', 'HEAD'],
            cache_policy_id: CLOUDFRONT_POLICIES.cachingDisabled,
            origin_request_policy_id:
              CLOUDFRONT_POLICIES.allViewerExceptHostHeader,
          },
    ],
    ...(fromBucket
      ? {}
      : {
          ordered_cache_behavior: STATIC_PATHS.map(pathPattern => ({
            path_pattern: pathPattern,
            target_origin_id: origin.origin_id,
            viewer_protocol_policy: 'redirect-to-https',
            allowed_methods: ['GET', 'HEAD'],
            cached_methods: ['GET', 'HEAD'],
            cache_policy_id: CLOUDFRONT_POLICIES.cachingOptimized,
          })),
        }),
    restrictions: [{ geo_restriction: [{ restriction_type: 'none' }] }],
    viewer_certificate: [{ cloudfront_default_certificate: true }],
    tags: TAGS,
  });
  if (fromBucket) {
    access.bucketStatements.unshift({
      Sid: 'CloudFrontRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Resource: `${ref(`${bucket}.arn`)}/*`,
      Condition: {
        StringEquals: { 'AWS:SourceArn': ref(`${distribution}.arn`) },
      },
    });
  }
  tf.output(
    'cdn_domain_name',
    ref(`${distribution}.domain_name`),
    'CloudFront domain name',
  );
}
