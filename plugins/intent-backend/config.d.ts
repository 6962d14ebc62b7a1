import { HumanDuration } from '@backstage/types';
import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Cairn's intent backend (pluginId `intent`): the environment registry and the platform configuration. */
  intent?: {
    /**
     * Changes to Cairn's built-in platform data (intent-common `defaultPlatformConfig`), checked at
     * start-up: unknown policy ids, invalid policies, policies that do not compile and prices missing
     * for a selectable SKU stop the backend with the reason.
     */
    platform?: {
      /** Ids of built-in policies to turn off, e.g. `budget-headroom`. */
      disabledPolicies?: string[];
      /**
       * Parameters merged into a built-in policy's, by policy id; e.g. the cost limit per environment
       * kind: `{ cost-limit: { limits: { preview: 100, dev: 300, staging: 1500, prod: 10000 } } }`.
       */
      policyParams?: { [policyId: string]: { [key: string]: any } };
      /** Policies of your own, in the policy format of the intent-common README (CEL, true when compliant). */
      extraPolicies?: Array<{
        id: string;
        description: string;
        severity: 'deny' | 'warn';
        environments?: Array<'preview' | 'dev' | 'staging' | 'prod'>;
        expression: string;
        message: string;
        params?: { [key: string]: any };
      }>;
      /**
       * Compliance profiles of your own reading, replacing Cairn's of the same name (hipaa, soc2, gdpr):
       * each a list of controls, e.g. `soc2: { controls: [{ control: backup-retention, minDays: 35 },
       * { control: audit-logging, retentionDays: 400 }, { control: tls-only }] }`. Controls:
       * customer-managed-keys, audit-logging (retentionDays), backup-retention (minDays), tls-only,
       * data-residency (geography eu|us), deletion-protection, tags.
       */
      /**
       * Changes to the size catalog, merged key by key (intent-common `SizeCatalog`): regions with their
       * geography, zones and pair, the SKU per size class, replica limits. Checked at start-up; every
       * region must have a price for every SKU it can select (see priceRows).
       */
      sizeCatalog?: { [key: string]: any };
      /**
       * Price rows (intent-common `PriceRow`: provider, region, sku, unit, usd, source, date, illustrative),
       * each replacing the row of the same provider, region and SKU, or added.
       */
      priceRows?: Array<{ [key: string]: any }>;
      complianceProfiles?: {
        [profile: string]: {
          description?: string;
          controls: Array<{
            control: string;
            retentionDays?: number;
            minDays?: number;
            geography?: 'eu' | 'us';
          }>;
        };
      };
    };
    registration?: {
      /** How old a plan may be when it is registered, in hours. Default: 24. */
      maxPlanAgeHours?: number;
    };
    approvals?: {
      /**
       * A group whose members may approve a production environment in place of the approver its
       * intent names (recorded as an override). Default: the platform team (`cairn.platformTeam`).
       */
      overrideGroup?: string;
    };
    expiry?: {
      /**
       * How often environments past their TTL are expired and the resources of expired environments torn
       * down (failed teardowns are retried). Default: every 5 minutes.
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** How many hours before an environment expires its owner is told (once per expiry). Default: 24. */
      warnBeforeHours?: number;
    };
    /**
     * The key that encrypts provisioned resources' credentials at rest (AES-256-GCM): 32 random bytes in
     * base64 (`openssl rand -base64 32`). Required as soon as a provisioner is installed; the backend
     * refuses to start without it rather than store credentials in plaintext.
     */
    credentials?: {
      /** @visibility secret */
      encryptionKey?: string;
    };
    provisioning?: {
      /**
       * Which installed provisioner (by id) provides which data service, per environment kind, e.g.
       * `{ preview: { postgres: shared-postgres, redis: shared-redis } }`. A kind or service left out is
       * provided by the environment's reviewed pipeline and shown as awaiting it.
       */
      kinds?: {
        [kind: string]: { [service: string]: string };
      };
      /** How often each provisioned resource is checked with its own credentials (and drift repaired). Default: every 5 minutes. */
      statusSchedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * How long an instance holds a resource while it applies, checks or tears it down; when an
       * instance dies mid-work, the status check resumes the work after this. Default: 5 minutes.
       */
      lease?: HumanDuration | string;
    };
  };
}
