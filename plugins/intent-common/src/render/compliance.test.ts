import { evaluateIntent } from '../evaluateIntent';
import {
  explicitIntentYaml,
  outcomeIntentYaml,
} from '../examples/exampleIntents';
import {
  defaultPlatformConfig,
  PlatformConfig,
} from '../platform/PlatformConfig';
import { NOW, REQUESTER } from '../testing/intents';
import { renderBundle } from './renderBundle';

/*
 * Compliance profiles change what is generated (each control says which resources it changed), and a
 * plan that misses a control of its profiles is denied at plan time with the reason.
 */

const regions = { aws: 'eu-west-1', gcp: 'europe-west1', azure: 'westeurope' };
type Provider = keyof typeof regions;

const withProfiles = (
  provider: Provider,
  profiles: string,
  yaml = outcomeIntentYaml,
) =>
  yaml
    .replace('provider: aws', `provider: ${provider}`)
    .replace('region: eu-west-1', `region: ${regions[provider]}`)
    .replace('compliance: [gdpr, soc2]', `compliance: [${profiles}]`)
    // Room in the budget for what the controls add.
    .replace('monthlyBudgetUsd: 1500', 'monthlyBudgetUsd: 5000');

function evaluate(
  yaml: string,
  config: PlatformConfig = defaultPlatformConfig,
) {
  const evaluation = evaluateIntent(yaml, config, {
    requester: REQUESTER,
    now: NOW,
  });
  return { ...evaluation, bundle: renderBundle(evaluation.plan, config) };
}

const terraformOf = (e: ReturnType<typeof evaluate>) =>
  JSON.parse(e.bundle.files[0].content);

describe('compliance profiles at generation', () => {
  it.each(['aws', 'gcp', 'azure'] as const)(
    'on %s each profile changes the bundle and the manifest says which resources each control changed',
    provider => {
      const none = evaluate(withProfiles(provider, ''));
      expect(none.bundle.manifest.compliance).toEqual([]);
      const bundles = ['hipaa', 'soc2', 'gdpr'].map(profile => {
        const e = evaluate(withProfiles(provider, profile));
        expect(e.bundle.manifest.sha256).not.toBe(none.bundle.manifest.sha256);
        const controls = defaultPlatformConfig.complianceProfiles[
          profile as 'hipaa'
        ].controls.map(c => c.control);
        expect(e.bundle.manifest.compliance.map(c => c.control)).toEqual(
          [...controls].sort(),
        );
        // Every control but residency (a plan-time check) changed something here, unless the plan
        // does not meet it (customer-managed keys off AWS), which the check denies.
        const unmet: string[] = e.plan.controls!.unmet.map(u => u.control);
        expect(
          e.bundle.manifest.compliance
            .filter(
              c => c.control !== 'data-residency' && !unmet.includes(c.control),
            )
            .filter(c => c.resources.length === 0 || c.profiles[0] !== profile)
            .map(c => c.control),
        ).toEqual([]);
        return e.bundle.manifest.sha256;
      });
      expect(new Set(bundles).size).toBe(3);
    },
  );

  it('on AWS, HIPAA encrypts every data service with the environment key and keeps audit logs a year', () => {
    const tf = terraformOf(evaluate(withProfiles('aws', 'hipaa')));
    const key = '${aws_kms_key.data.arn}';
    expect(tf.resource.aws_kms_key.data.enable_key_rotation).toBe(true);
    expect(tf.resource.aws_db_instance.main).toMatchObject({
      kms_key_id: key,
      master_user_secret_kms_key_id: '${aws_kms_key.data.key_id}',
      enabled_cloudwatch_logs_exports: ['postgresql'],
      deletion_protection: true,
      backup_retention_period: 30,
    });
    expect(tf.resource.aws_elasticache_replication_group.main.kms_key_id).toBe(
      key,
    );
    expect(tf.resource.aws_sqs_queue.main.kms_master_key_id).toBe(
      '${aws_kms_key.data.id}',
    );
    expect(
      tf.resource.aws_s3_bucket_server_side_encryption_configuration.assets
        .rule[0].apply_server_side_encryption_by_default[0].kms_master_key_id,
    ).toBe(key);
    expect(
      tf.resource.aws_cloudwatch_log_group.database.retention_in_days,
    ).toBe(365);
    // TLS only: the bucket and the queue refuse requests without it.
    for (const policy of [
      tf.resource.aws_s3_bucket_policy.assets.policy,
      tf.resource.aws_sqs_queue_policy.main.policy,
    ])
      expect(JSON.parse(policy).Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    expect(tf.locals.tags.compliance).toBe('hipaa');
  });

  it('raises the backup retention to the profile minimum and explains why', () => {
    const e = evaluate(withProfiles('gcp', 'hipaa'));
    expect(e.plan.database!.backupRetentionDays).toBe(30);
    expect(
      e.plan.explanations.find(x => x.path === 'database.backupRetentionDays')!
        .rule,
    ).toContain("raised to the compliance profiles' minimum");
    expect(
      terraformOf(e).resource.google_sql_database_instance.main.settings
        .backup_configuration.backup_retention_settings.retained_backups,
    ).toBe(30);
  });

  it('denies what a profile asks and the plan does not meet, with the reason', () => {
    // Customer-managed keys are generated for AWS only.
    const gcp = evaluate(withProfiles('gcp', 'hipaa'));
    expect(gcp.policies.passed).toBe(false);
    expect(gcp.policies.violations).toContainEqual(
      expect.objectContaining({
        policyId: 'compliance-controls',
        message: expect.stringContaining(
          'hipaa customer-managed-keys: customer-managed keys are generated for aws only so far',
        ),
      }),
    );
    // An explicit retention below the profile's minimum.
    const explicit = evaluate(
      explicitIntentYaml.replace(
        'constraints:\n',
        'constraints:\n    compliance: [soc2]\n',
      ),
    );
    expect(explicit.policies.violations).toContainEqual(
      expect.objectContaining({
        policyId: 'compliance-controls',
        message:
          'soc2 backup-retention: database backups are kept 3 days; soc2 asks for at least 14 (raise spec.sizing.postgres.backupRetentionDays)',
      }),
    );
    // GDPR outside the EU.
    const us = evaluate(
      withProfiles('aws', 'gdpr')
        .replace('region: eu-west-1', 'region: us-east-1')
        .replace('dataResidency: eu', 'dataResidency: any'),
    );
    expect(us.policies.violations).toContainEqual(
      expect.objectContaining({
        policyId: 'compliance-controls',
        message:
          'gdpr data-residency: region(s) us-east-1 are outside the EU, where gdpr keeps data (choose an EU region)',
      }),
    );
    // The same intents without the profile pass this check.
    expect(
      evaluate(withProfiles('gcp', 'soc2')).policies.results,
    ).toContainEqual(
      expect.objectContaining({
        policyId: 'compliance-controls',
        status: 'pass',
      }),
    );
  });

  it("uses the platform team's profiles, not Cairn's", () => {
    const config: PlatformConfig = {
      ...defaultPlatformConfig,
      complianceProfiles: {
        ...defaultPlatformConfig.complianceProfiles,
        soc2: {
          description: 'Our auditors: two months of backups',
          controls: [{ control: 'backup-retention', minDays: 60 }],
        },
      },
    };
    const e = evaluate(withProfiles('azure', 'soc2'), config);
    expect(e.plan.database!.backupRetentionDays).toBe(60);
    expect(e.bundle.manifest.compliance).toEqual([
      {
        control: 'backup-retention',
        profiles: ['soc2'],
        resources: ['azurerm_postgresql_flexible_server.main'],
      },
    ]);
  });
});
