import { InputError } from '@backstage/errors';
import { Plan } from '../../plan/planTypes';
import { PlanControls } from '../../platform/complianceProfiles';
import { SizeCatalog } from '../../platform/sizeCatalog';
import { baseName, compactName, fitName } from '../resourceNames';
import {
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

const TAGS = ref('local.tags');
const RG = ref('azurerm_resource_group.main.name');
const LOCATION = ref('azurerm_resource_group.main.location');

/** Azure Cache for Redis SKU `Basic-C1` / `Premium-P2` as sku_name, family and capacity. */
function redisSku(sku: string): {
  sku_name: string;
  family: string;
  capacity: number;
} {
  const [tier, size] = sku.split('-');
  return { sku_name: tier, family: size[0], capacity: Number(size.slice(1)) };
}

/**
 * Azure: Container Apps (managed runtime), PostgreSQL flexible server in a delegated subnet with Entra ID
 * authentication only, Azure Cache for Redis and Blob Storage behind private endpoints, Service Bus, and
 * Front Door. With the Kubernetes runtime the data services join the cluster's virtual network.
 */
export function renderAzureTerraform(
  plan: Plan,
  catalog: SizeCatalog,
  tf: TerraformBuilder = new TerraformBuilder(),
): TerraformDocument {
  checkRenderable(plan);
  if (plan.workload === 'static-site') {
    throw new InputError(
      'static sites are rendered for aws only: Front Door Standard reaches only public storage origins, which the no-public-data guardrail forbids',
    );
  }
  const name = baseName(plan);
  const managed = plan.target.runtime === 'managed';
  const net = plan.network;
  const multiZone = plan.target.zones > 1;
  tf.terraform({
    required_version: terraformRequiredVersion,
    required_providers: { azurerm: providerVersions.azurerm },
  });
  tf.provider('azurerm', {
    features: {},
    subscription_id: ref('var.subscription_id'),
  });
  tf.variable('subscription_id', {
    type: 'string',
    description: 'Azure subscription',
  });
  tf.variable('tenant_id', {
    type: 'string',
    description: 'Entra ID tenant for database authentication',
  });
  tf.variable('location', {
    type: 'string',
    default: plan.target.regions[0],
    description: 'Azure region',
  });
  tf.local('tags', escapedTags(plan));
  const group = tf.resource('azurerm_resource_group', 'main', {
    name: `rg-${name}`,
    location: ref('var.location'),
    tags: TAGS,
  });
  const controls = planControls(plan);
  const dedicated = dedicatedServices(plan);
  if (controls.applied.some(c => c.control === 'deletion-protection')) {
    // Nothing in the environment's resource group can be deleted until the lock is lifted.
    const lock = tf.resource('azurerm_management_lock', 'environment', {
      name: `lock-${name}`,
      scope: ref(`${group}.id`),
      lock_level: 'CanNotDelete',
      notes: literal(
        `Deletion protection of ${controls.profiles.join(
          ', ',
        )}: lift it to tear the environment down`,
      ),
    });
    tf.touch('deletion-protection', lock);
  }

  let vnetId: string;
  let vnetName: string;
  let vnetRg: string;
  if (managed) {
    const vnet = tf.resource('azurerm_virtual_network', 'main', {
      name: `vnet-${name}`,
      resource_group_name: RG,
      location: LOCATION,
      address_space: [net.cidr],
      tags: TAGS,
    });
    vnetId = ref(`${vnet}.id`);
    vnetName = ref(`${vnet}.name`);
    vnetRg = RG;
  } else {
    tf.variable('virtual_network_id', {
      type: 'string',
      description: "The Kubernetes cluster's virtual network (id)",
    });
    tf.variable('virtual_network_name', {
      type: 'string',
      description: "The cluster's virtual network (name)",
    });
    tf.variable('virtual_network_resource_group', {
      type: 'string',
      description: "Resource group of the cluster's virtual network",
    });
    vnetId = ref('var.virtual_network_id');
    vnetName = ref('var.virtual_network_name');
    vnetRg = ref('var.virtual_network_resource_group');
  }
  const subnet = (
    key: string,
    prefix: string,
    delegation?: { name: string; service: string; actions: string[] },
  ) =>
    tf.resource('azurerm_subnet', key, {
      name: `snet-${key}`,
      resource_group_name: vnetRg,
      virtual_network_name: vnetName,
      address_prefixes: [prefix],
      ...(delegation
        ? {
            delegation: [
              {
                name: delegation.name,
                service_delegation: [
                  { name: delegation.service, actions: delegation.actions },
                ],
              },
            ],
          }
        : {}),
    });
  // Private endpoints (Redis, Blob) share one data subnet; PostgreSQL needs a delegated subnet of its own.
  const endpoints =
    dedicated.cache || plan.objectStorage
      ? subnet('endpoints', net.dataSubnets[0])
      : undefined;
  const privateDns = (key: string, zone: string) => {
    const dns = tf.resource('azurerm_private_dns_zone', key, {
      name: zone,
      resource_group_name: RG,
      tags: TAGS,
    });
    tf.resource('azurerm_private_dns_zone_virtual_network_link', key, {
      name: `link-${key}`,
      resource_group_name: RG,
      private_dns_zone_name: ref(`${dns}.name`),
      virtual_network_id: vnetId,
      tags: TAGS,
    });
    return dns;
  };
  const privateEndpoint = (
    key: string,
    target: string,
    subresource: string,
    dns: string,
  ) =>
    tf.resource('azurerm_private_endpoint', key, {
      name: `pe-${name}-${key}`,
      resource_group_name: RG,
      location: LOCATION,
      subnet_id: ref(`${endpoints}.id`),
      private_service_connection: [
        {
          name: `${key}-connection`,
          private_connection_resource_id: ref(`${target}.id`),
          subresource_names: [subresource],
          is_manual_connection: false,
        },
      ],
      private_dns_zone_group: [
        { name: key, private_dns_zone_ids: [ref(`${dns}.id`)] },
      ],
      tags: TAGS,
    });

  const c = plan.compute;
  // The workload's own identity: each data service grants it exactly what it needs.
  const identity = tf.resource('azurerm_user_assigned_identity', 'app', {
    name: `id-${name}`,
    resource_group_name: RG,
    location: LOCATION,
    tags: TAGS,
  });
  const target: AzureTarget = {
    tf,
    plan,
    catalog,
    name,
    managed,
    net,
    multiZone,
    subnet,
    privateDns,
    privateEndpoint,
    identity,
    wiring: new WorkloadWiring().setting(
      'AZURE_CLIENT_ID',
      ref(`${identity}.client_id`),
    ),
    grants: [],
    controls,
  };
  if (dedicated.database) renderPostgresFlexible(target, dedicated.database);

  if (dedicated.cache) renderAzureRedis(target, dedicated.cache);
  sharedServicesOutput(tf, plan);

  if (plan.queue) renderServiceBus(target, plan.queue);

  if (plan.objectStorage) renderBlobStorage(target, plan.objectStorage);

  if (managed && c) renderContainerApps(target, c);

  if (plan.cdn) renderFrontDoor(target);
  tf.output(
    'workload_identity_client_id',
    ref(`${identity}.client_id`),
    "The workload's managed identity (on a cluster, federate the pod's Kubernetes service account with it)",
  );
  workloadEnvironmentOutput(tf, target.wiring);
  return tf.build();
}

/** A role for the workload's identity on one resource (Entra ID data-plane access, no keys). */
function grant(t: AzureTarget, key: string, scope: string, role: string) {
  t.grants.push(
    t.tf.resource('azurerm_role_assignment', key, {
      scope,
      role_definition_name: role,
      principal_id: ref(`${t.identity}.principal_id`),
      principal_type: 'ServicePrincipal',
    }),
  );
}

/** What every Azure service renders into: the document, the plan, its names and the network's helpers. */
type AzureTarget = {
  tf: TerraformBuilder;
  plan: Plan;
  catalog: SizeCatalog;
  name: string;
  managed: boolean;
  net: Plan['network'];
  multiZone: boolean;
  /** A subnet of the virtual network (delegated to a service when given); returns its address. */
  subnet: (
    key: string,
    prefix: string,
    delegation?: { name: string; service: string; actions: string[] },
  ) => string;
  /** A private DNS zone linked to the virtual network; returns its address. */
  privateDns: (key: string, zone: string) => string;
  /** A private endpoint in the endpoints subnet for a resource's sub-resource. */
  privateEndpoint: (
    key: string,
    target: string,
    subresource: string,
    dns: string,
  ) => string;
  /** The workload's user-assigned managed identity (address). */
  identity: string;
  /** What the workload is given to reach its data services. */
  wiring: WorkloadWiring;
  /** Grants the workload must have before it starts (the app depends on them). */
  grants: string[];
  controls: PlanControls;
};

/** Container Apps in a delegated subnet: the app (or a scheduled job), its environment and logs. */
function renderContainerApps(t: AzureTarget, c: NonNullable<Plan['compute']>) {
  const { tf, plan, name, net, multiZone, subnet } = t;
  tf.variable('image', {
    type: 'string',
    description: 'Container image',
    ...containerImage(plan),
  });
  const apps = subnet('apps', net.privateSubnets[0], {
    name: 'container-apps',
    service: 'Microsoft.App/environments',
    actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  });
  const logs = tf.resource('azurerm_log_analytics_workspace', 'main', {
    name: `log-${name}`,
    resource_group_name: RG,
    location: LOCATION,
    sku: 'PerGB2018',
    retention_in_days: Math.min(
      730,
      Math.max(30, t.controls.auditLogRetentionDays ?? 30),
    ),
    tags: TAGS,
  });
  if (t.controls.auditLogRetentionDays) tf.touch('audit-logging', logs);
  const env = tf.resource('azurerm_container_app_environment', 'main', {
    name: `cae-${name}`,
    resource_group_name: RG,
    location: LOCATION,
    log_analytics_workspace_id: ref(`${logs}.id`),
    infrastructure_subnet_id: ref(`${apps}.id`),
    zone_redundancy_enabled: multiZone,
    workload_profile: [
      { name: 'Consumption', workload_profile_type: 'Consumption' },
    ],
    tags: TAGS,
  });
  const container = {
    name: 'app',
    image: ref('var.image'),
    cpu: c.vcpu,
    memory: `${c.memoryGb}Gi`,
    env: t.wiring
      .sortedEnv()
      .map(([envName, value]) => ({ name: envName, value })),
  };
  const identity = [
    { type: 'UserAssigned', identity_ids: [ref(`${t.identity}.id`)] },
  ];
  const dependsOn = t.grants.length ? { depends_on: t.grants } : {};
  if (c.kind === 'job') {
    tf.resource('azurerm_container_app_job', 'app', {
      name: fitName(`job-${name}`, 32),
      resource_group_name: RG,
      location: LOCATION,
      container_app_environment_id: ref(`${env}.id`),
      replica_timeout_in_seconds: 3600,
      schedule_trigger_config: [
        {
          cron_expression: literal(c.schedule!),
          parallelism: c.minInstances,
          replica_completion_count: c.minInstances,
        },
      ],
      template: [{ container: [container] }],
      identity,
      tags: TAGS,
      ...dependsOn,
    });
  } else {
    const app = tf.resource('azurerm_container_app', 'app', {
      name: fitName(`ca-${name}`, 32),
      resource_group_name: RG,
      container_app_environment_id: ref(`${env}.id`),
      revision_mode: 'Single',
      template: [
        {
          min_replicas: c.minInstances,
          max_replicas: c.maxInstances,
          container: [container],
        },
      ],
      identity,
      ...dependsOn,
      ...(c.kind === 'service'
        ? {
            ingress: [
              {
                external_enabled: true,
                target_port: c.port,
                transport: 'auto',
                traffic_weight: [{ latest_revision: true, percentage: 100 }],
              },
            ],
          }
        : {}),
      tags: TAGS,
    });
    if (c.kind === 'service')
      tf.output(
        'app_fqdn',
        ref(`${app}.ingress[0].fqdn`),
        'Container App host name',
      );
  }
}

/** PostgreSQL flexible server in a delegated subnet with Entra ID authentication, TLS only, with its replicas. */
function renderPostgresFlexible(
  t: AzureTarget,
  db: NonNullable<Plan['database']>,
) {
  const { tf, catalog, name, net, subnet, privateDns } = t;
  const dbSubnet = subnet('postgres', net.dataSubnets[1], {
    name: 'postgres',
    service: 'Microsoft.DBforPostgreSQL/flexibleServers',
    actions: ['Microsoft.Network/virtualNetworks/subnets/join/action'],
  });
  const dns = privateDns(
    'postgres',
    `${name}.private.postgres.database.azure.com`,
  );
  const serverName = fitName(`psql-${name}`, 63);
  const server = tf.resource('azurerm_postgresql_flexible_server', 'main', {
    name: serverName,
    resource_group_name: RG,
    location: LOCATION,
    version: db.version,
    sku_name: catalog.providers.azure.database[db.sizeClass],
    storage_mb: db.storageGb * 1024,
    // Point-in-time restore within the retention period is built into flexible server backups.
    backup_retention_days: Math.max(7, db.backupRetentionDays),
    delegated_subnet_id: ref(`${dbSubnet}.id`),
    private_dns_zone_id: ref(`${dns}.id`),
    public_network_access_enabled: db.publicAccess,
    zone: '1',
    ...(db.multiZone
      ? {
          high_availability: [
            { mode: 'ZoneRedundant', standby_availability_zone: '2' },
          ],
        }
      : {}),
    // Entra ID only: there is no password to store or leak.
    authentication: [
      {
        active_directory_auth_enabled: true,
        password_auth_enabled: false,
        tenant_id: ref('var.tenant_id'),
      },
    ],
    tags: TAGS,
    depends_on: [`azurerm_private_dns_zone_virtual_network_link.postgres`],
  });
  for (let i = 0; i < db.replicas; i++) {
    tf.resource('azurerm_postgresql_flexible_server', `replica_${i}`, {
      name: fitName(`${serverName}-r${i}`, 63),
      resource_group_name: RG,
      location: LOCATION,
      create_mode: 'Replica',
      source_server_id: ref(`${server}.id`),
      sku_name: catalog.providers.azure.database[db.sizeClass],
      storage_mb: db.storageGb * 1024,
      version: db.version,
      delegated_subnet_id: ref(`${dbSubnet}.id`),
      private_dns_zone_id: ref(`${dns}.id`),
      public_network_access_enabled: db.publicAccess,
      zone: String((i % 3) + 1),
      tags: TAGS,
    });
  }
  tf.output(
    'database_fqdn',
    ref(`${server}.fqdn`),
    'PostgreSQL host name (Entra ID authentication)',
  );
  // The workload's identity is the server's Entra administrator: the server is this environment's
  // own, and with password login off an Entra principal is the only way in.
  t.grants.push(
    tf.resource(
      'azurerm_postgresql_flexible_server_active_directory_administrator',
      'app',
      {
        server_name: ref(`${server}.name`),
        resource_group_name: RG,
        tenant_id: ref('var.tenant_id'),
        object_id: ref(`${t.identity}.principal_id`),
        principal_name: ref(`${t.identity}.name`),
        principal_type: 'ServicePrincipal',
      },
    ),
  );
  const { controls } = t;
  if (controls.minBackupRetentionDays) tf.touch('backup-retention', server);
  tf.touch('tls-only', server);
  const audit = controls.auditLogRetentionDays;
  if (audit) {
    // Every connection logged, and the server's logs kept in a workspace for the control's retention.
    const settings = ['log_connections', 'log_disconnections'].map(setting =>
      tf.resource('azurerm_postgresql_flexible_server_configuration', setting, {
        name: setting,
        server_id: ref(`${server}.id`),
        value: 'on',
      }),
    );
    const workspace = tf.resource('azurerm_log_analytics_workspace', 'audit', {
      name: `log-${name}-audit`,
      resource_group_name: RG,
      location: LOCATION,
      sku: 'PerGB2018',
      retention_in_days: Math.min(730, Math.max(30, audit)),
      tags: TAGS,
    });
    const diagnostics = tf.resource(
      'azurerm_monitor_diagnostic_setting',
      'postgres',
      {
        name: 'audit',
        target_resource_id: ref(`${server}.id`),
        log_analytics_workspace_id: ref(`${workspace}.id`),
        enabled_log: [{ category: 'PostgreSQLLogs' }],
      },
    );
    tf.touch('audit-logging', ...settings, workspace, diagnostics);
  }
  const database = tf.resource(
    'azurerm_postgresql_flexible_server_database',
    'app',
    {
      name: 'app',
      server_id: ref(`${server}.id`),
    },
  );
  t.wiring
    .setting('DATABASE_HOST', ref(`${server}.fqdn`))
    .setting('DATABASE_PORT', 5432)
    .setting('DATABASE_NAME', ref(`${database}.name`))
    .setting('DATABASE_USER', ref(`${t.identity}.name`))
    .setting('DATABASE_SSLMODE', 'require')
    .setting('DATABASE_AUTH', 'entra');
}

/** Azure Cache for Redis behind a private endpoint. */
function renderAzureRedis(t: AzureTarget, cache: NonNullable<Plan['cache']>) {
  const { tf, catalog, name, privateDns, privateEndpoint } = t;
  const entry = catalog.providers.azure.cache[cache.sizeClass];
  const sku = redisSku(cache.replicas > 0 ? entry.replicated : entry.single);
  const redis = tf.resource('azurerm_redis_cache', 'main', {
    name: fitName(`redis-${name}`, 63),
    resource_group_name: RG,
    location: LOCATION,
    ...sku,
    redis_version: cache.version,
    minimum_tls_version: '1.2',
    non_ssl_port_enabled: !cache.encryption.inTransit,
    public_network_access_enabled: cache.publicAccess,
    // The workload signs in with its identity (an access policy below), not an access key.
    redis_configuration: [{ active_directory_authentication_enabled: true }],
    ...(sku.sku_name === 'Premium'
      ? {
          replicas_per_primary: cache.replicas,
          ...(cache.multiZone ? { zones: ['1', '2'] } : {}),
        }
      : {}),
    tags: TAGS,
  });
  privateEndpoint(
    'redis',
    redis,
    'redisCache',
    privateDns('redis', 'privatelink.redis.cache.windows.net'),
  );
  tf.output(
    'cache_host',
    ref(`${redis}.hostname`),
    'Redis host name (access keys stay in Azure)',
  );
  if (cache.encryption.inTransit) tf.touch('tls-only', redis);
  t.grants.push(
    tf.resource('azurerm_redis_cache_access_policy_assignment', 'app', {
      name: 'app',
      redis_cache_id: ref(`${redis}.id`),
      access_policy_name: 'Data Contributor',
      object_id: ref(`${t.identity}.principal_id`),
      object_id_alias: ref(`${t.identity}.name`),
    }),
  );
  t.wiring
    .setting('REDIS_HOST', ref(`${redis}.hostname`))
    .setting(
      'REDIS_PORT',
      cache.encryption.inTransit
        ? ref(`${redis}.ssl_port`)
        : ref(`${redis}.port`),
    )
    .setting('REDIS_TLS', cache.encryption.inTransit)
    .setting('REDIS_AUTH', 'entra');
}

/** A Service Bus namespace and queue (dead-lettering on expiry). */
function renderServiceBus(t: AzureTarget, queue: NonNullable<Plan['queue']>) {
  const { tf, name } = t;
  // Service Bus Standard has no private endpoints; it takes Entra ID tokens only (no shared keys) over TLS 1.2.
  const ns = tf.resource('azurerm_servicebus_namespace', 'main', {
    name: fitName(`sb-${name}`, 50),
    resource_group_name: RG,
    location: LOCATION,
    sku: 'Standard',
    local_auth_enabled: false,
    minimum_tls_version: '1.2',
    tags: TAGS,
  });
  const main = tf.resource('azurerm_servicebus_queue', 'main', {
    name,
    namespace_id: ref(`${ns}.id`),
    default_message_ttl: `P${queue.retentionDays}D`,
    dead_lettering_on_message_expiration: queue.deadLetterQueue,
    max_delivery_count: 5,
  });
  tf.output('queue_namespace', ref(`${ns}.name`), 'Service Bus namespace');
  tf.output('queue_name', ref(`${main}.name`), 'Service Bus queue');
  grant(t, 'queue_send', ref(`${main}.id`), 'Azure Service Bus Data Sender');
  grant(
    t,
    'queue_receive',
    ref(`${main}.id`),
    'Azure Service Bus Data Receiver',
  );
  t.wiring
    .setting('QUEUE_NAMESPACE', `${ref(`${ns}.name`)}.servicebus.windows.net`)
    .setting('QUEUE_NAME', ref(`${main}.name`));
}

/** A storage account with a private container behind a private endpoint. */
function renderBlobStorage(
  t: AzureTarget,
  storage: NonNullable<Plan['objectStorage']>,
) {
  const { tf, name, multiZone, privateDns, privateEndpoint } = t;
  const account = tf.resource('azurerm_storage_account', 'main', {
    name: compactName(`st${name}`),
    resource_group_name: RG,
    location: LOCATION,
    account_tier: 'Standard',
    account_replication_type: multiZone ? 'ZRS' : 'LRS',
    min_tls_version: 'TLS1_2',
    https_traffic_only_enabled: true,
    allow_nested_items_to_be_public: storage.publicAccess,
    public_network_access_enabled: storage.publicAccess,
    shared_access_key_enabled: false,
    blob_properties: [{ versioning_enabled: storage.versioning }],
    tags: TAGS,
  });
  tf.resource('azurerm_storage_container', 'assets', {
    name: 'assets',
    storage_account_id: ref(`${account}.id`),
    container_access_type: 'private',
  });
  privateEndpoint(
    'blob',
    account,
    'blob',
    privateDns('blob', 'privatelink.blob.core.windows.net'),
  );
  tf.output(
    'storage_account_name',
    ref(`${account}.name`),
    'Storage account (container "assets")',
  );
  tf.touch('tls-only', account);
  grant(
    t,
    'blob',
    `${ref(`${account}.id`)}/blobServices/default/containers/assets`,
    'Storage Blob Data Contributor',
  );
  t.wiring
    .setting('STORAGE_ACCOUNT_URL', ref(`${account}.primary_blob_endpoint`))
    .setting('BUCKET_NAME', 'assets');
}

/** Front Door in front of the app (Container Apps, or the cluster ingress given as a variable). */
function renderFrontDoor(t: AzureTarget) {
  const { tf, name, managed } = t;
  const origin = managed
    ? ref('azurerm_container_app.app.ingress[0].fqdn')
    : ref('var.ingress_hostname');
  if (!managed)
    tf.variable('ingress_hostname', {
      type: 'string',
      description:
        "Host name of the workload's ingress on the cluster (CDN origin)",
    });
  const profile = tf.resource('azurerm_cdn_frontdoor_profile', 'main', {
    name: `afd-${name}`,
    resource_group_name: RG,
    sku_name: 'Standard_AzureFrontDoor',
    tags: TAGS,
  });
  const endpoint = tf.resource('azurerm_cdn_frontdoor_endpoint', 'main', {
    name: fitName(`fde-${name}`, 46),
    cdn_frontdoor_profile_id: ref(`${profile}.id`),
    tags: TAGS,
  });
  const group = tf.resource('azurerm_cdn_frontdoor_origin_group', 'app', {
    name: 'app',
    cdn_frontdoor_profile_id: ref(`${profile}.id`),
    load_balancing: [{ sample_size: 4, successful_samples_required: 3 }],
  });
  const fdOrigin = tf.resource('azurerm_cdn_frontdoor_origin', 'app', {
    name: 'app',
    cdn_frontdoor_origin_group_id: ref(`${group}.id`),
    host_name: origin,
    origin_host_header: origin,
    certificate_name_check_enabled: true,
    https_port: 443,
    http_port: 80,
  });
  // A route without a cache block does not cache: the application's answers pass through with the
  // viewer's headers, cookies and query; only its static paths are cached.
  const route = {
    cdn_frontdoor_endpoint_id: ref(`${endpoint}.id`),
    cdn_frontdoor_origin_group_id: ref(`${group}.id`),
    cdn_frontdoor_origin_ids: [ref(`${fdOrigin}.id`)],
    supported_protocols: ['Https'],
    forwarding_protocol: 'HttpsOnly',
    https_redirect_enabled: false,
    link_to_default_domain: true,
  };
  tf.resource('azurerm_cdn_frontdoor_route', 'app', {
    name: 'app',
    ...route,
    patterns_to_match: ['/*'],
  });
  tf.resource('azurerm_cdn_frontdoor_route', 'static', {
    name: 'static',
    ...route,
    patterns_to_match: STATIC_PATHS,
    cache: [{ query_string_caching_behavior: 'UseQueryString' }],
  });
  tf.output(
    'cdn_host_name',
    ref(`${endpoint}.host_name`),
    'Front Door endpoint host name',
  );
}
