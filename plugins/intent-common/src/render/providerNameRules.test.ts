import { outcomeIntentYaml } from '../examples/exampleIntents';
import { parseIntent } from '../intent/parseIntent';
import { defaultPlatformConfig } from '../platform/PlatformConfig';
import { planIntent } from '../plan/planIntent';
import { NOW } from '../testing/intents';
import { renderBundle } from './renderBundle';

// The naming rules of the providers' documentation for the names the renderers derive.
const rules: Array<[string, string, RegExp]> = [
  ['aws_s3_bucket', 'bucket', /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/],
  ['aws_db_instance', 'identifier', /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/],
  ['aws_lb', 'name', /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/],
  [
    'aws_lb_target_group',
    'name',
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/,
  ],
  [
    'aws_elasticache_replication_group',
    'replication_group_id',
    /^[a-z](?!.*--)[a-z0-9-]{0,38}[a-z0-9]$/,
  ],
  ['aws_sqs_queue', 'name', /^[A-Za-z0-9_-]{1,80}$/],
  [
    'google_cloud_run_v2_service',
    'name',
    /^[a-z](?:[a-z0-9-]{0,47}[a-z0-9])?$/,
  ],
  ['google_redis_instance', 'name', /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/],
  [
    'google_sql_database_instance',
    'name',
    /^[a-z](?:[a-z0-9-]{0,82}[a-z0-9])?$/,
  ],
  ['google_storage_bucket', 'name', /^[a-z0-9][a-z0-9_.-]{1,61}[a-z0-9]$/],
  [
    'google_compute_backend_service',
    'name',
    /^[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/,
  ],
  ['azurerm_storage_account', 'name', /^[a-z0-9]{3,24}$/],
  ['azurerm_container_app', 'name', /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/],
  [
    'azurerm_postgresql_flexible_server',
    'name',
    /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
  ],
  [
    'azurerm_redis_cache',
    'name',
    /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
  ],
  [
    'azurerm_servicebus_namespace',
    'name',
    /^[A-Za-z][A-Za-z0-9-]{4,48}[A-Za-z0-9]$/,
  ],
  [
    'azurerm_cdn_frontdoor_endpoint',
    'name',
    /^[A-Za-z0-9][A-Za-z0-9-]{0,44}[A-Za-z0-9]$/,
  ],
];

describe('derived names follow each provider rule, even for the longest intent names', () => {
  const longest = 'a-very-long-service-name-abc'; // 28 characters, the intent schema's maximum
  it.each([
    ['aws', 'eu-west-1'],
    ['gcp', 'europe-west1'],
    ['azure', 'westeurope'],
  ])('%s', (provider, region) => {
    const yaml = outcomeIntentYaml
      .replace('name: checkout-api', `name: ${longest}`)
      .replace('environment: prod', 'environment: staging')
      .replace('provider: aws', `provider: ${provider}`)
      .replace('region: eu-west-1', `region: ${region}`);
    const plan = planIntent(parseIntent(yaml), defaultPlatformConfig, {
      now: NOW,
    });
    const tf = JSON.parse(
      renderBundle(plan, defaultPlatformConfig).files[0].content,
    );
    const checked = rules.filter(([type]) => tf.resource[type]);
    expect(checked.length).toBeGreaterThanOrEqual(4);
    for (const [type, attribute, rule] of checked) {
      for (const [address, body] of Object.entries<any>(tf.resource[type])) {
        expect({
          resource: `${type}.${address}`,
          name: body[attribute],
        }).toEqual({
          resource: `${type}.${address}`,
          name: expect.stringMatching(rule),
        });
      }
    }
  });
});
