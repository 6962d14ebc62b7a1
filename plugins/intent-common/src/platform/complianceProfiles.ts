import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  ComplianceProfile,
  complianceProfiles,
  Provider,
} from '../intent/intentSchema';

/**
 * One control of a compliance profile: something generation does (or refuses) because an intent names
 * the profile. The platform team sees them on the Platform rules page and may replace the profiles.
 */
export type ComplianceControl =
  /** Data services encrypted with a key the organisation manages (rotated), not the provider's default. */
  | { control: 'customer-managed-keys' }
  /** Database audit and access logs, kept this many days. */
  | { control: 'audit-logging'; retentionDays: number }
  /** Database backups kept at least this many days. */
  | { control: 'backup-retention'; minDays: number }
  /** Every data service refuses unencrypted connections. */
  | { control: 'tls-only' }
  /** Every region in this geography. */
  | { control: 'data-residency'; geography: 'eu' | 'us' }
  /** Databases (and the environment's resource group) cannot be deleted by accident. */
  | { control: 'deletion-protection' }
  /** Every resource carries a `compliance` tag naming the profiles. */
  | { control: 'tags' };

export type ComplianceControlId = ComplianceControl['control'];

export type ComplianceProfileDefinition = {
  description: string;
  controls: ComplianceControl[];
};

export type ComplianceProfiles = Record<
  ComplianceProfile,
  ComplianceProfileDefinition
>;

/** Cairn's starting point for each profile; platform teams replace them with their auditors' reading. */
export const defaultComplianceProfiles: ComplianceProfiles = {
  hipaa: {
    description:
      'US health information: the Security Rule safeguards for encryption, audit and integrity',
    controls: [
      { control: 'customer-managed-keys' },
      { control: 'tls-only' },
      { control: 'audit-logging', retentionDays: 365 },
      { control: 'backup-retention', minDays: 30 },
      { control: 'deletion-protection' },
      { control: 'tags' },
    ],
  },
  soc2: {
    description:
      'SOC 2 trust services criteria: security, availability and change evidence',
    controls: [
      { control: 'tls-only' },
      { control: 'audit-logging', retentionDays: 365 },
      { control: 'backup-retention', minDays: 14 },
      { control: 'deletion-protection' },
      { control: 'tags' },
    ],
  },
  gdpr: {
    description:
      'Personal data of EU residents: kept in the EU, encrypted in transit',
    controls: [
      { control: 'data-residency', geography: 'eu' },
      { control: 'tls-only' },
      { control: 'tags' },
    ],
  },
};

/** What a plan's compliance profiles ask of generation, merged (the strictest value wins). */
export type PlanControls = {
  profiles: ComplianceProfile[];
  customerManagedKeys: boolean;
  tlsOnly: boolean;
  deletionProtection: boolean;
  /** Audit logging on, with this retention; absent when no profile asks for it. */
  auditLogRetentionDays?: number;
  minBackupRetentionDays?: number;
  geography?: 'eu' | 'us';
  /** Every control in force, with the profile that asked for it. */
  applied: Array<{ profile: ComplianceProfile; control: ComplianceControlId }>;
  /** Controls this plan does not meet, with why: such a plan is denied (check `compliance-controls`). */
  unmet: Array<{
    profile: ComplianceProfile;
    control: ComplianceControlId;
    reason: string;
  }>;
};

/** Customer-managed keys are generated for these providers; elsewhere the control is unmet. */
const CMK_PROVIDERS: Provider[] = ['aws'];

/** The controls of the intent's profiles, merged; `unmet` is filled in by the planner once it has sized. */
export function controlsFor(
  profiles: ComplianceProfile[],
  definitions: ComplianceProfiles,
  environment: string,
  provider: Provider,
): PlanControls {
  const controls: PlanControls = {
    profiles: [...profiles].sort(),
    customerManagedKeys: false,
    tlsOnly: true,
    deletionProtection: environment === 'prod',
    applied: [],
    unmet: [],
  };
  for (const profile of controls.profiles) {
    for (const c of definitions[profile]?.controls ?? []) {
      controls.applied.push({ profile, control: c.control });
      switch (c.control) {
        case 'customer-managed-keys':
          controls.customerManagedKeys = true;
          if (!CMK_PROVIDERS.includes(provider))
            controls.unmet.push({
              profile,
              control: c.control,
              reason: `customer-managed keys are generated for ${CMK_PROVIDERS.join(
                ', ',
              )} only so far; ${provider} would encrypt with the provider's keys`,
            });
          break;
        case 'audit-logging':
          controls.auditLogRetentionDays = Math.max(
            controls.auditLogRetentionDays ?? 0,
            c.retentionDays,
          );
          break;
        case 'backup-retention':
          controls.minBackupRetentionDays = Math.max(
            controls.minBackupRetentionDays ?? 0,
            c.minDays,
          );
          break;
        case 'tls-only':
          controls.tlsOnly = true;
          break;
        case 'data-residency':
          controls.geography = c.geography;
          break;
        case 'deletion-protection':
          controls.deletionProtection = true;
          break;
        case 'tags':
          break;
        default:
          break;
      }
    }
  }
  return controls;
}

const days = z.number().int().min(1).max(3650);
const controlSchema = z.discriminatedUnion('control', [
  z.strictObject({ control: z.literal('customer-managed-keys') }),
  z.strictObject({ control: z.literal('audit-logging'), retentionDays: days }),
  z.strictObject({ control: z.literal('backup-retention'), minDays: days }),
  z.strictObject({ control: z.literal('tls-only') }),
  z.strictObject({
    control: z.literal('data-residency'),
    geography: z.enum(['eu', 'us']),
  }),
  z.strictObject({ control: z.literal('deletion-protection') }),
  z.strictObject({ control: z.literal('tags') }),
]);
const profilesSchema = z.partialRecord(
  z.enum(complianceProfiles),
  z.strictObject({
    description: z.string().min(1).max(500).optional(),
    controls: z.array(controlSchema).max(20),
  }),
);

/**
 * The platform team's profiles (`intent.platform.complianceProfiles`) over Cairn's: a profile given
 * replaces Cairn's of the same name. Refuses, naming the field, what is not a known control.
 */
export function mergeComplianceProfiles(
  input: unknown,
  base: ComplianceProfiles = defaultComplianceProfiles,
): ComplianceProfiles {
  const parsed = profilesSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0)
      throw new InputError(
        `complianceProfiles.${
          issue.keys[0]
        }: is not a compliance profile (${complianceProfiles.join(', ')})`,
      );
    throw new InputError(
      `complianceProfiles.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const merged = { ...base };
  for (const [name, profile] of Object.entries(parsed.data)) {
    if (!profile) continue;
    merged[name as ComplianceProfile] = {
      description:
        profile.description ?? base[name as ComplianceProfile].description,
      controls: profile.controls as ComplianceControl[],
    };
  }
  return merged;
}
