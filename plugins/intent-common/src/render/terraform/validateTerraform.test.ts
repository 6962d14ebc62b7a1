import { literal, ref } from './TerraformDocument';
import {
  referencesIn,
  templateExpressions,
  validateTerraform,
} from './validateTerraform';

const tf = (doc: unknown) => [
  { path: 'main.tf.json', content: JSON.stringify(doc) },
];

describe('literal', () => {
  it('escapes template sequences so they stay text', () => {
    expect(literal('a ${b} %{if c}d%{endif}')).toBe(
      'a $${b} %%{if c}d%%{endif}',
    );
    expect(templateExpressions(literal('${var.x} and %{ if true }'))).toEqual({
      expressions: [],
      directives: 0,
    });
  });
});

describe('templateExpressions and referencesIn', () => {
  it('finds interpolations, skipping escaped ones', () => {
    expect(
      templateExpressions(
        `x-${ref('aws_vpc.main.id')}-$\${var.no}-${ref('var.yes')}`,
      ).expressions,
    ).toEqual(['aws_vpc.main.id', 'var.yes']);
    expect(templateExpressions('%{ for x in y }').directives).toBe(1);
  });

  it('reads references from expressions, not functions or built-ins', () => {
    expect(
      referencesIn('aws_db_instance.main.master_user_secret[0].secret_arn'),
    ).toEqual(['aws_db_instance.main']);
    expect(referencesIn('merge(local.tags, var.extra)')).toEqual([
      'local.tags',
      'var.extra',
    ]);
    expect(referencesIn('path.module')).toEqual([]);
  });
});

describe('validateTerraform', () => {
  const valid = {
    variable: { region: { type: 'string' } },
    locals: { tags: { owner: 'x' } },
    resource: {
      aws_vpc: { main: { cidr_block: '10.0.0.0/16', tags: ref('local.tags') } },
      aws_subnet: {
        a: { vpc_id: ref('aws_vpc.main.id'), tags: ref('local.tags') },
      },
    },
    output: { vpc: { value: ref('aws_vpc.main.id') } },
  };

  it('accepts a consistent module', () => {
    expect(validateTerraform(tf(valid))).toEqual([]);
  });

  it('reports references to undeclared resources, variables and locals', () => {
    const doc = {
      ...valid,
      resource: {
        ...valid.resource,
        aws_subnet: {
          a: {
            vpc_id: ref('aws_vpc.other.id'),
            tags: ref('local.labels'),
            cidr_block: ref('var.cidr'),
          },
        },
      },
    };
    expect(validateTerraform(tf(doc)).map(p => p.message)).toEqual([
      'reference to undeclared aws_vpc.other',
      'reference to undeclared local.labels',
      'reference to undeclared var.cidr',
    ]);
  });

  it('reports reference cycles', () => {
    const doc = {
      resource: {
        aws_security_group: {
          a: { tags: {}, description: ref('aws_security_group.b.id') },
          b: { tags: {}, depends_on: ['aws_security_group.a'] },
        },
      },
    };
    expect(validateTerraform(tf(doc)).map(p => p.message)).toEqual([
      'reference cycle: aws_security_group.a → aws_security_group.b → aws_security_group.a',
    ]);
  });

  it('reports missing required arguments, missing tags and types outside the schema', () => {
    const doc = {
      resource: {
        aws_subnet: { a: { cidr_block: '10.0.0.0/24' } },
        aws_lambda_function: { f: {} },
      },
    };
    expect(
      validateTerraform(tf(doc)).map(p => `${p.at}: ${p.message}`),
    ).toEqual([
      'aws_subnet.a: missing required argument vpc_id',
      'aws_subnet.a: missing tags',
      'aws_lambda_function.f: resource type aws_lambda_function is not in the committed schema',
    ]);
  });

  it('reports an inline route without every attribute (the "attributes as blocks" class)', () => {
    const doc = {
      resource: {
        aws_route_table: {
          public: {
            vpc_id: 'vpc-1',
            tags: {},
            route: [{ cidr_block: '0.0.0.0/0', gateway_id: 'igw-1' }],
          },
        },
      },
    };
    expect(validateTerraform(tf(doc)).map(p => p.message)).toEqual([
      'route[0] sets an "attributes as blocks" object, which in JSON needs every attribute (null where unused); missing carrier_gateway_id, core_network_arn, destination_prefix_list_id, egress_only_gateway_id, ipv6_cidr_block, local_gateway_id, nat_gateway_id, network_interface_id, transit_gateway_id, vpc_endpoint_id, vpc_peering_connection_id',
    ]);
  });

  it('reports missing arguments of nested blocks, on GCP and Azure too', () => {
    const doc = {
      resource: {
        google_cloud_run_v2_service: {
          app: {
            name: 'a',
            location: 'europe-west1',
            labels: {},
            template: { containers: [{ image: 'x' }, { ports: {} }] },
          },
        },
        google_sql_database_instance: {
          db: {
            database_version: 'POSTGRES_16',
            settings: { user_labels: {}, database_flags: [{ name: 'x' }] },
          },
        },
        azurerm_container_app: {
          app: {
            name: 'a',
            resource_group_name: 'g',
            container_app_environment_id: 'e',
            revision_mode: 'Single',
            tags: {},
            template: { container: [{ name: 'a', image: 'x', cpu: 1 }] },
          },
        },
      },
    };
    expect(
      validateTerraform(tf(doc)).map(p => `${p.at}: ${p.message}`),
    ).toEqual([
      'google_cloud_run_v2_service.app: missing required argument template.containers[1].image',
      'google_sql_database_instance.db: missing required argument settings.tier',
      'google_sql_database_instance.db: missing required argument settings.database_flags[0].value',
      'azurerm_container_app.app: missing required argument template.container[0].memory',
    ]);
  });

  it('reports arguments that exclude each other, and a missing one of a required choice', () => {
    const doc = {
      resource: {
        aws_route: {
          both: {
            route_table_id: 'r',
            destination_cidr_block: '0.0.0.0/0',
            gateway_id: 'igw-1',
            nat_gateway_id: 'nat-1',
          },
          nowhere: { route_table_id: 'r', gateway_id: 'igw-1' },
        },
        azurerm_private_endpoint: {
          pe: {
            name: 'p',
            resource_group_name: 'g',
            location: 'westeurope',
            subnet_id: 's',
            tags: {},
            private_service_connection: [
              {
                name: 'c',
                is_manual_connection: false,
                private_connection_resource_id: 'id',
                private_connection_resource_alias: 'alias',
              },
            ],
          },
        },
      },
    };
    expect(
      validateTerraform(tf(doc)).map(p => `${p.at}: ${p.message}`),
    ).toEqual([
      'aws_route.both: conflicting arguments gateway_id and nat_gateway_id (only one of carrier_gateway_id, core_network_arn, egress_only_gateway_id, gateway_id, local_gateway_id, nat_gateway_id, network_interface_id, transit_gateway_id, vpc_endpoint_id, vpc_peering_connection_id)',
      'aws_route.nowhere: one of destination_cidr_block, destination_ipv6_cidr_block, destination_prefix_list_id is required',
      'azurerm_private_endpoint.pe: private_service_connection[0]: conflicting arguments private_connection_resource_id and private_connection_resource_alias (only one of private_connection_resource_id, private_connection_resource_alias)',
    ]);
  });

  it('reports bad JSON and unexpected blocks', () => {
    expect(
      validateTerraform([{ path: 'x.tf.json', content: '{' }])[0].message,
    ).toMatch(/^not valid JSON/);
    expect(validateTerraform(tf({ module: {} }))[0].message).toBe(
      'unexpected top-level block "module"',
    );
  });

  it('flags an unescaped expression smuggled into a value', () => {
    const doc = {
      resource: {
        aws_vpc: { main: { tags: { owner: '${file("/etc/passwd")}' } } },
      },
    };
    expect(validateTerraform(tf(doc))).toEqual([]); // a function call with no references resolves...
    const smuggled = {
      resource: {
        aws_vpc: { main: { tags: { owner: '${aws_iam_role.admin.arn}' } } },
      },
    };
    expect(validateTerraform(tf(smuggled)).map(p => p.message)).toEqual([
      'reference to undeclared aws_iam_role.admin',
    ]);
  });
});
