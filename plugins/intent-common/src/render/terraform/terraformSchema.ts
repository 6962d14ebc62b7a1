/**
 * The resource types the renderers emit, with the arguments each requires and where its tags go. Written
 * down from the "Argument Reference" (arguments marked Required) of the provider documentation for the
 * versions below — hashicorp/aws 5.80, hashicorp/google 6.14, hashicorp/azurerm 4.14. The offline
 * validator checks every rendered resource against it; AWS bundles are also checked by `terraform
 * validate` with the real provider in the test suite (terraformValidate.test.ts).
 */
export type ResourceSchema = {
  required: string[];
  /** The argument holding tags (AWS, Azure) or labels (GCP), when the type takes them. */
  tags?: 'tags' | 'labels' | 'user_labels' | 'settings.user_labels';
  /** Nested blocks the renderers write, by path ('settings', 'template.containers'): the arguments each element requires. */
  blocks?: Record<string, string[]>;
  /**
   * Attributes whose value is a list of objects ("attributes as blocks"): in JSON each element must set
   * every attribute of the object, null where unused, or Terraform refuses the value's type.
   */
  attributesAsBlocks?: Record<string, string[]>;
  /** At most one of `names` may be set (exactly one when `required`), in the block at `at` (the resource when absent). */
  oneOf?: Array<{ at?: string; names: string[]; required?: boolean }>;
};

/**
 * Each provider's constraint: the minor version the bundles were written against and any later one of
 * the same major version (`~> 5.80` admits 5.100), so a platform team's provider mirror need not hold
 * one exact version.
 */
export const providerVersions = {
  aws: { source: 'hashicorp/aws', version: '~> 5.80' },
  google: { source: 'hashicorp/google', version: '~> 6.14' },
  azurerm: { source: 'hashicorp/azurerm', version: '~> 4.14' },
} as const;

export const terraformRequiredVersion = '>= 1.6.0';

/** The attributes of a security group's inline ingress and egress rules. */
const SECURITY_GROUP_RULE = [
  'cidr_blocks',
  'description',
  'from_port',
  'ipv6_cidr_blocks',
  'prefix_list_ids',
  'protocol',
  'security_groups',
  'self',
  'to_port',
];

export const resourceSchemas: Record<string, ResourceSchema> = {
  // hashicorp/aws 5.80.0
  aws_vpc: { required: [], tags: 'tags' },
  aws_subnet: { required: ['vpc_id'], tags: 'tags' },
  aws_internet_gateway: { required: [], tags: 'tags' },
  aws_eip: { required: [], tags: 'tags' },
  aws_nat_gateway: { required: ['subnet_id'], tags: 'tags' },
  aws_route_table: {
    required: ['vpc_id'],
    tags: 'tags',
    attributesAsBlocks: {
      route: [
        'carrier_gateway_id',
        'cidr_block',
        'core_network_arn',
        'destination_prefix_list_id',
        'egress_only_gateway_id',
        'gateway_id',
        'ipv6_cidr_block',
        'local_gateway_id',
        'nat_gateway_id',
        'network_interface_id',
        'transit_gateway_id',
        'vpc_endpoint_id',
        'vpc_peering_connection_id',
      ],
    },
  },
  aws_route_table_association: { required: ['route_table_id'] },
  aws_route: {
    required: ['route_table_id'],
    oneOf: [
      {
        names: [
          'destination_cidr_block',
          'destination_ipv6_cidr_block',
          'destination_prefix_list_id',
        ],
        required: true,
      },
      {
        names: [
          'carrier_gateway_id',
          'core_network_arn',
          'egress_only_gateway_id',
          'gateway_id',
          'local_gateway_id',
          'nat_gateway_id',
          'network_interface_id',
          'transit_gateway_id',
          'vpc_endpoint_id',
          'vpc_peering_connection_id',
        ],
        required: true,
      },
    ],
  },
  aws_security_group: {
    required: [],
    tags: 'tags',
    attributesAsBlocks: {
      ingress: SECURITY_GROUP_RULE,
      egress: SECURITY_GROUP_RULE,
    },
  },
  aws_ecs_cluster: {
    required: ['name'],
    tags: 'tags',
    blocks: { setting: ['name', 'value'] },
  },
  aws_cloudwatch_log_group: { required: [], tags: 'tags' },
  aws_iam_role: { required: ['assume_role_policy'], tags: 'tags' },
  aws_iam_role_policy_attachment: { required: ['role', 'policy_arn'] },
  aws_iam_role_policy: { required: ['policy', 'role'] },
  aws_ecs_task_definition: {
    required: ['family', 'container_definitions'],
    tags: 'tags',
  },
  aws_ecs_service: {
    required: ['name'],
    tags: 'tags',
    blocks: {
      network_configuration: ['subnets'],
      load_balancer: ['container_name', 'container_port'],
    },
  },
  aws_lb: { required: [], tags: 'tags' },
  aws_lb_target_group: {
    required: [],
    tags: 'tags',
    blocks: { health_check: [] },
  },
  aws_lb_listener: {
    required: ['load_balancer_arn', 'default_action'],
    tags: 'tags',
    blocks: { default_action: ['type'] },
  },
  aws_appautoscaling_target: {
    required: [
      'max_capacity',
      'min_capacity',
      'resource_id',
      'scalable_dimension',
      'service_namespace',
    ],
    tags: 'tags',
  },
  aws_appautoscaling_policy: {
    required: [
      'name',
      'resource_id',
      'scalable_dimension',
      'service_namespace',
    ],
    blocks: {
      target_tracking_scaling_policy_configuration: ['target_value'],
      'target_tracking_scaling_policy_configuration.predefined_metric_specification':
        ['predefined_metric_type'],
    },
  },
  aws_cloudwatch_event_rule: { required: [], tags: 'tags' },
  aws_cloudwatch_event_target: {
    required: ['arn', 'rule'],
    blocks: {
      ecs_target: ['task_definition_arn'],
      'ecs_target.network_configuration': ['subnets'],
    },
  },
  aws_db_subnet_group: { required: ['subnet_ids'], tags: 'tags' },
  aws_db_parameter_group: {
    required: ['family'],
    tags: 'tags',
    blocks: { parameter: ['name', 'value'] },
  },
  aws_db_instance: {
    required: ['instance_class'],
    tags: 'tags',
    // A read replica takes its credentials and database from its source.
    oneOf: [
      { names: ['replicate_source_db', 'username'] },
      { names: ['replicate_source_db', 'db_name'] },
    ],
  },
  aws_elasticache_subnet_group: {
    required: ['name', 'subnet_ids'],
    tags: 'tags',
  },
  aws_elasticache_replication_group: {
    required: ['replication_group_id', 'description'],
    tags: 'tags',
  },
  aws_sqs_queue: { required: [], tags: 'tags' },
  aws_sqs_queue_policy: { required: ['policy', 'queue_url'] },
  aws_kms_key: { required: [], tags: 'tags' },
  aws_s3_bucket: { required: [], tags: 'tags' },
  aws_s3_bucket_public_access_block: { required: ['bucket'] },
  aws_s3_bucket_server_side_encryption_configuration: {
    required: ['bucket', 'rule'],
    blocks: {
      rule: [],
      'rule.apply_server_side_encryption_by_default': ['sse_algorithm'],
    },
  },
  aws_s3_bucket_versioning: {
    required: ['bucket', 'versioning_configuration'],
    blocks: { versioning_configuration: ['status'] },
  },
  aws_s3_bucket_policy: { required: ['bucket', 'policy'] },
  aws_cloudfront_origin_access_control: {
    required: [
      'name',
      'origin_access_control_origin_type',
      'signing_behavior',
      'signing_protocol',
    ],
  },
  aws_cloudfront_distribution: {
    required: [
      'default_cache_behavior',
      'enabled',
      'origin',
      'restrictions',
      'viewer_certificate',
    ],
    tags: 'tags',
    blocks: {
      origin: ['domain_name', 'origin_id'],
      'origin.custom_origin_config': [
        'http_port',
        'https_port',
        'origin_protocol_policy',
        'origin_ssl_protocols',
      ],
      default_cache_behavior: [
        'allowed_methods',
        'cached_methods',
        'target_origin_id',
        'viewer_protocol_policy',
      ],
      ordered_cache_behavior: [
        'allowed_methods',
        'cached_methods',
        'path_pattern',
        'target_origin_id',
        'viewer_protocol_policy',
      ],
      restrictions: ['geo_restriction'],
      'restrictions.geo_restriction': ['restriction_type'],
      viewer_certificate: [],
    },
  },

  // hashicorp/google 6.14.0
  google_service_account: { required: ['account_id'] },
  google_logging_project_bucket_config: {
    required: ['project', 'location', 'bucket_id'],
  },
  google_logging_project_sink: { required: ['name', 'destination'] },
  google_project_iam_member: { required: ['project', 'role', 'member'] },
  google_sql_database: { required: ['name', 'instance'] },
  google_sql_user: { required: ['name', 'instance'] },
  google_secret_manager_secret: {
    required: ['secret_id', 'replication'],
    tags: 'labels',
  },
  google_secret_manager_secret_version: {
    required: ['secret', 'secret_data'],
  },
  google_secret_manager_secret_iam_member: {
    required: ['secret_id', 'role', 'member'],
  },
  google_pubsub_topic_iam_member: { required: ['topic', 'role', 'member'] },
  google_pubsub_subscription_iam_member: {
    required: ['subscription', 'role', 'member'],
  },
  google_storage_bucket_iam_member: { required: ['bucket', 'role', 'member'] },
  google_compute_network: { required: ['name'] },
  google_compute_subnetwork: { required: ['name', 'ip_cidr_range', 'network'] },
  google_compute_global_address: { required: ['name'], tags: 'labels' },
  google_service_networking_connection: {
    required: ['network', 'service', 'reserved_peering_ranges'],
  },
  google_cloud_run_v2_service: {
    required: ['name', 'location', 'template'],
    tags: 'labels',
    blocks: {
      'template.containers': ['image'],
      'template.containers.ports': [],
      'template.containers.env': ['name'],
      'template.containers.env.value_source.secret_key_ref': ['secret'],
      'template.vpc_access.network_interfaces': [],
    },
  },
  google_cloud_run_v2_service_iam_member: {
    required: ['name', 'role', 'member'],
  },
  google_cloud_run_v2_job: {
    required: ['name', 'location', 'template'],
    tags: 'labels',
    blocks: {
      template: ['template'],
      'template.template.containers': ['image'],
      'template.template.containers.env': ['name'],
    },
  },
  google_cloud_scheduler_job: {
    required: ['name'],
    blocks: {
      http_target: ['uri'],
      'http_target.oauth_token': ['service_account_email'],
    },
    oneOf: [
      {
        names: ['http_target', 'pubsub_target', 'app_engine_http_target'],
        required: true,
      },
    ],
  },
  google_sql_database_instance: {
    required: ['database_version', 'settings'],
    tags: 'settings.user_labels',
    blocks: {
      settings: ['tier'],
      'settings.database_flags': ['name', 'value'],
      'settings.backup_configuration.backup_retention_settings': [
        'retained_backups',
      ],
    },
  },
  google_redis_instance: {
    required: ['name', 'memory_size_gb'],
    tags: 'labels',
  },
  google_pubsub_topic: { required: ['name'], tags: 'labels' },
  google_pubsub_subscription: { required: ['name', 'topic'], tags: 'labels' },
  google_storage_bucket: {
    required: ['name', 'location'],
    tags: 'labels',
    blocks: { versioning: ['enabled'] },
  },
  google_compute_region_network_endpoint_group: {
    required: ['name', 'region'],
  },
  google_compute_backend_service: {
    required: ['name'],
    blocks: { backend: ['group'] },
  },
  google_compute_url_map: { required: ['name'] },
  google_compute_target_https_proxy: { required: ['name', 'url_map'] },
  google_compute_global_forwarding_rule: {
    required: ['name', 'target'],
    tags: 'labels',
  },

  // hashicorp/azurerm 4.14.0
  azurerm_user_assigned_identity: {
    required: ['name', 'resource_group_name', 'location'],
    tags: 'tags',
  },
  azurerm_management_lock: { required: ['name', 'scope', 'lock_level'] },
  azurerm_postgresql_flexible_server_configuration: {
    required: ['name', 'server_id', 'value'],
  },
  azurerm_monitor_diagnostic_setting: {
    required: ['name', 'target_resource_id'],
    blocks: { enabled_log: [] },
  },
  azurerm_role_assignment: {
    required: ['scope', 'principal_id'],
    oneOf: [
      {
        names: ['role_definition_id', 'role_definition_name'],
        required: true,
      },
    ],
  },
  azurerm_postgresql_flexible_server_active_directory_administrator: {
    required: [
      'server_name',
      'resource_group_name',
      'object_id',
      'tenant_id',
      'principal_name',
      'principal_type',
    ],
  },
  azurerm_postgresql_flexible_server_database: {
    required: ['name', 'server_id'],
  },
  azurerm_redis_cache_access_policy_assignment: {
    required: [
      'name',
      'redis_cache_id',
      'access_policy_name',
      'object_id',
      'object_id_alias',
    ],
  },
  azurerm_resource_group: { required: ['name', 'location'], tags: 'tags' },
  azurerm_virtual_network: {
    required: ['name', 'resource_group_name', 'location', 'address_space'],
    tags: 'tags',
  },
  azurerm_subnet: {
    required: [
      'name',
      'resource_group_name',
      'virtual_network_name',
      'address_prefixes',
    ],
    blocks: {
      delegation: ['name', 'service_delegation'],
      'delegation.service_delegation': ['name'],
    },
  },
  azurerm_private_dns_zone: {
    required: ['name', 'resource_group_name'],
    tags: 'tags',
  },
  azurerm_private_dns_zone_virtual_network_link: {
    required: [
      'name',
      'resource_group_name',
      'private_dns_zone_name',
      'virtual_network_id',
    ],
    tags: 'tags',
  },
  azurerm_private_endpoint: {
    required: [
      'name',
      'resource_group_name',
      'location',
      'subnet_id',
      'private_service_connection',
    ],
    tags: 'tags',
    blocks: {
      private_service_connection: ['name', 'is_manual_connection'],
      private_dns_zone_group: ['name', 'private_dns_zone_ids'],
    },
    oneOf: [
      {
        at: 'private_service_connection',
        names: [
          'private_connection_resource_id',
          'private_connection_resource_alias',
        ],
        required: true,
      },
    ],
  },
  azurerm_log_analytics_workspace: {
    required: ['name', 'resource_group_name', 'location'],
    tags: 'tags',
  },
  azurerm_container_app_environment: {
    required: ['name', 'resource_group_name', 'location'],
    tags: 'tags',
    blocks: { workload_profile: ['name', 'workload_profile_type'] },
  },
  azurerm_container_app: {
    required: [
      'name',
      'resource_group_name',
      'container_app_environment_id',
      'revision_mode',
      'template',
    ],
    tags: 'tags',
    blocks: {
      template: ['container'],
      'template.container': ['name', 'image', 'cpu', 'memory'],
      'template.container.env': ['name'],
      identity: ['type'],
      ingress: ['target_port', 'traffic_weight'],
      'ingress.traffic_weight': ['percentage'],
    },
  },
  azurerm_container_app_job: {
    required: [
      'name',
      'resource_group_name',
      'location',
      'container_app_environment_id',
      'replica_timeout_in_seconds',
      'template',
    ],
    tags: 'tags',
    blocks: {
      template: ['container'],
      'template.container': ['name', 'image', 'cpu', 'memory'],
      'template.container.env': ['name'],
      identity: ['type'],
      schedule_trigger_config: ['cron_expression'],
    },
  },
  azurerm_postgresql_flexible_server: {
    required: ['name', 'resource_group_name', 'location'],
    tags: 'tags',
    blocks: { high_availability: ['mode'] },
  },
  azurerm_redis_cache: {
    required: [
      'name',
      'resource_group_name',
      'location',
      'capacity',
      'family',
      'sku_name',
    ],
    tags: 'tags',
  },
  azurerm_servicebus_namespace: {
    required: ['name', 'resource_group_name', 'location', 'sku'],
    tags: 'tags',
  },
  azurerm_servicebus_queue: { required: ['name', 'namespace_id'] },
  azurerm_storage_account: {
    required: [
      'name',
      'resource_group_name',
      'location',
      'account_tier',
      'account_replication_type',
    ],
    tags: 'tags',
  },
  azurerm_storage_container: { required: ['name'] },
  azurerm_cdn_frontdoor_profile: {
    required: ['name', 'resource_group_name', 'sku_name'],
    tags: 'tags',
  },
  azurerm_cdn_frontdoor_endpoint: {
    required: ['name', 'cdn_frontdoor_profile_id'],
    tags: 'tags',
  },
  azurerm_cdn_frontdoor_origin_group: {
    required: ['name', 'cdn_frontdoor_profile_id', 'load_balancing'],
  },
  azurerm_cdn_frontdoor_origin: {
    required: [
      'name',
      'cdn_frontdoor_origin_group_id',
      'host_name',
      'certificate_name_check_enabled',
    ],
  },
  azurerm_cdn_frontdoor_route: {
    required: [
      'name',
      'cdn_frontdoor_endpoint_id',
      'cdn_frontdoor_origin_group_id',
      'cdn_frontdoor_origin_ids',
      'patterns_to_match',
      'supported_protocols',
    ],
  },
};
