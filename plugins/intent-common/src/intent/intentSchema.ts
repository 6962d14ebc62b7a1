import { z } from 'zod';

/** The intent document version this package reads. Bump it with a migration when the format changes. */
export const INTENT_API_VERSION = 'cairn.dev/v1alpha1';

/**
 * An OCI image reference: an optional registry host (with port), lowercase path components, and a tag
 * and/or a sha256 digest. Nothing else reaches the generated files.
 */
const IMAGE_REFERENCE =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

export const environmentKinds = ['preview', 'dev', 'staging', 'prod'] as const;
export const workloadTypes = [
  'web-service',
  'worker',
  'scheduled-job',
  'static-site',
] as const;
export const dataServices = [
  'postgres',
  'redis',
  'queue',
  'objectStorage',
  'cdn',
] as const;
export const providers = ['aws', 'gcp', 'azure'] as const;
export const runtimes = ['managed', 'kubernetes'] as const;
export const sizeClasses = ['small', 'medium', 'large', 'xlarge'] as const;
export const growthRates = ['fast', 'stable'] as const;
export const complianceProfiles = ['hipaa', 'soc2', 'gdpr'] as const;
export const dataResidencies = ['eu', 'us', 'any'] as const;

export type EnvironmentKind = (typeof environmentKinds)[number];
export type WorkloadType = (typeof workloadTypes)[number];
export type DataService = (typeof dataServices)[number];
export type Provider = (typeof providers)[number];
export type Runtime = (typeof runtimes)[number];
export type SizeClass = (typeof sizeClasses)[number];
export type Growth = (typeof growthRates)[number];
export type ComplianceProfile = (typeof complianceProfiles)[number];

// Names end up in cloud resource names (S3 buckets, RDS identifiers, GCP resources, Azure storage accounts):
// lowercase letters, digits and inner hyphens fit every provider's rules; 28 characters leave room for suffixes.
const nameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,26}[a-z0-9]$/,
    'must be 2-28 characters of lowercase letters, digits and inner hyphens, starting with a letter',
  )
  .refine(s => !s.includes('--'), 'must not contain two hyphens in a row');

// A Backstage entity reference, restricted to the characters the catalog itself accepts in names.
const entityRefSchema = (kinds: string[]) =>
  z
    .string()
    .regex(
      new RegExp(
        `^(${kinds.join(
          '|',
        )}):([a-z0-9][a-z0-9._-]{0,62}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,62}$`,
      ),
      `must be an entity reference such as ${
        kinds[0]
      }:default/name (kinds: ${kinds.join(', ')})`,
    );

const sizeSchema = z.enum(sizeClasses);
const positiveInt = z.number().int().positive();

const explicitPostgresSchema = z.strictObject({
  size: sizeSchema,
  storageGb: z.number().int().min(10).max(16384),
  replicas: z.number().int().min(0).max(5).default(0),
  multiZone: z.boolean().default(false),
  backupRetentionDays: z.number().int().min(0).max(35).default(7),
  pointInTimeRecovery: z.boolean().default(false),
  publicAccess: z.boolean().default(false),
});

const explicitRedisSchema = z.strictObject({
  size: sizeSchema,
  replicas: z.number().int().min(0).max(5).default(0),
  multiZone: z.boolean().default(false),
  publicAccess: z.boolean().default(false),
});

const explicitSizingSchema = z.strictObject({
  level: z.literal('explicit'),
  zones: z.number().int().min(1).max(3).default(1),
  compute: z
    .strictObject({
      size: sizeSchema,
      count: positiveInt.max(100),
      maxCount: positiveInt.max(1000).optional(),
    })
    .optional(),
  postgres: explicitPostgresSchema.optional(),
  redis: explicitRedisSchema.optional(),
  objectStorage: z.strictObject({ storageGb: positiveInt }).optional(),
  queue: z.strictObject({ messagesPerMonth: positiveInt }).optional(),
  cdn: z.strictObject({ egressGbPerMonth: positiveInt }).optional(),
});

const availabilitySchema = z
  .number()
  .min(90)
  .max(99.999)
  .describe('availability target in percent, e.g. 99.9');

const directionalSizingSchema = z.strictObject({
  level: z.literal('directional'),
  instances: positiveInt.max(100),
  /** false: exactly `instances`, no autoscaling above them (and priced so). Default true. */
  autoscale: z.boolean().optional(),
  size: sizeSchema.optional(),
  database: sizeSchema.optional(),
  cache: sizeSchema.optional(),
  availability: availabilitySchema.optional(),
});

const outcomeSizingSchema = z.strictObject({
  level: z.literal('outcome'),
  expectedUsers: positiveInt.max(1_000_000_000).optional(),
  peakRps: z.number().positive().max(10_000_000).optional(),
  growth: z.enum(growthRates),
  /** Absent: the platform's default for the environment kind (assumptions.defaultAvailability). */
  availability: availabilitySchema.optional(),
  p95LatencyMs: z.number().int().min(10).max(60_000),
  dataGb: positiveInt.max(65536).optional(),
});

export const sizingSchema = z.discriminatedUnion('level', [
  explicitSizingSchema,
  directionalSizingSchema,
  outcomeSizingSchema,
]);

export const intentSchema = z
  .strictObject({
    apiVersion: z.literal(INTENT_API_VERSION),
    kind: z.literal('EnvironmentIntent'),
    metadata: z.strictObject({
      name: nameSchema,
      owner: entityRefSchema(['group', 'user']),
      costCentre: z
        .string()
        .regex(
          /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/,
          'must be 1-32 letters, digits, hyphens or underscores',
        ),
      description: z.string().max(256).optional(),
    }),
    spec: z.strictObject({
      environment: z.enum(environmentKinds),
      workload: z.strictObject({
        type: z.enum(workloadTypes),
        image: z
          .string()
          .min(1)
          .max(512)
          .regex(
            IMAGE_REFERENCE,
            'must be an image reference such as registry.example.com/team/app:1.2.3 (no spaces, quotes or newlines)',
          )
          .optional(),
        port: z.number().int().min(1).max(65535).optional(),
        schedule: z.string().min(9).max(64).optional(),
        runMinutes: positiveInt.max(1440).optional(),
      }),
      services: z.array(z.enum(dataServices)).default([]),
      target: z.strictObject({
        provider: z.enum(providers),
        runtime: z.enum(runtimes).default('managed'),
        region: z.string().regex(/^[a-z0-9-]{3,32}$/, 'must be a region id'),
      }),
      sizing: sizingSchema,
      constraints: z
        .strictObject({
          monthlyBudgetUsd: z.number().positive().optional(),
          ttlHours: positiveInt.max(24 * 365).optional(),
          dataResidency: z.enum(dataResidencies).default('any'),
          compliance: z.array(z.enum(complianceProfiles)).default([]),
          approver: entityRefSchema(['user']).optional(),
        })
        .default({ dataResidency: 'any', compliance: [] }),
    }),
  })
  .superRefine((intent, ctx) => {
    const { spec } = intent;
    const services = new Set(spec.services);
    if (new Set(spec.services).size !== spec.services.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'services'],
        message: 'lists a service twice',
      });
    }
    if (spec.workload.type === 'scheduled-job' && !spec.workload.schedule) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'workload', 'schedule'],
        message: 'is required for a scheduled-job (a cron expression)',
      });
    }
    if (
      services.has('cdn') &&
      (spec.workload.type === 'worker' ||
        spec.workload.type === 'scheduled-job')
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'services'],
        message: `cdn serves a web-service's or a static-site's responses; a ${spec.workload.type} answers no requests (remove cdn)`,
      });
    }
    if (
      spec.workload.type === 'static-site' &&
      spec.target.runtime !== 'managed'
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'target', 'runtime'],
        message: 'must be managed for a static-site (it has no containers)',
      });
    }
    if (spec.sizing.level === 'outcome') {
      if (
        spec.sizing.expectedUsers === undefined &&
        spec.sizing.peakRps === undefined
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'sizing', 'expectedUsers'],
          message: 'expectedUsers or peakRps (or both) is required',
        });
      }
    }
    if (spec.sizing.level === 'explicit') {
      const sizing = spec.sizing;
      if (spec.workload.type !== 'static-site' && !sizing.compute) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'sizing', 'compute'],
          message: `is required for a ${spec.workload.type}`,
        });
      }
      if (
        sizing.compute?.maxCount !== undefined &&
        sizing.compute.maxCount < sizing.compute.count
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'sizing', 'compute', 'maxCount'],
          message: 'must be at least count',
        });
      }
      for (const service of ['postgres', 'redis'] as const) {
        if (services.has(service) && !sizing[service]) {
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'sizing', service],
            message: `is required because spec.services includes ${service}`,
          });
        }
        if (!services.has(service) && sizing[service]) {
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'sizing', service],
            message: `is set but spec.services does not include ${service}`,
          });
        }
      }
    }
  });

/** An intent as written (defaults not yet applied). */
export type IntentInput = z.input<typeof intentSchema>;
/** A validated intent with defaults applied. */
export type Intent = z.output<typeof intentSchema>;
export type Sizing = Intent['spec']['sizing'];
export type ExplicitSizing = Extract<Sizing, { level: 'explicit' }>;
export type DirectionalSizing = Extract<Sizing, { level: 'directional' }>;
export type OutcomeSizing = Extract<Sizing, { level: 'outcome' }>;
