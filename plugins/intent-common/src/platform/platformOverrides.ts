import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { providers, sizeClasses } from '../intent/intentSchema';
import { PriceRow, priceUnits, PriceTable } from './priceTable';
import { SizeCatalog } from './sizeCatalog';

const positive = z.number().positive().max(1e6);
const perClass = <T extends z.ZodType>(value: T) =>
  z.strictObject(
    Object.fromEntries(sizeClasses.map(c => [c, value])) as Record<
      (typeof sizeClasses)[number],
      T
    >,
  );
const regionSchema = z.strictObject({
  geography: z.enum(['eu', 'us']),
  zones: z
    .array(z.string().regex(/^[a-z0-9-]{1,40}$/))
    .min(1)
    .max(6),
  pair: z.string().regex(/^[a-z0-9-]{1,40}$/),
});
const providerSchema = z.strictObject({
  regions: z.record(z.string().regex(/^[a-z0-9-]{1,40}$/), regionSchema),
  computeOverrides: z.partialRecord(
    z.enum(sizeClasses),
    z.strictObject({ vcpu: positive, memoryGb: positive, reason: z.string() }),
  ),
  database: perClass(z.string().min(1).max(100)),
  cache: perClass(
    z.strictObject({
      single: z.string().min(1).max(100),
      replicated: z.string().min(1).max(100),
    }),
  ),
  cacheReplicaBilledPerNode: z.boolean(),
  cacheVersion: z.string().regex(/^\d+$/),
  cacheMemoryGb: z.record(z.string(), positive).optional(),
  databaseReplicaLimit: z.strictObject({
    replicas: z.number().int().min(0).max(100),
    service: z.string().min(1).max(200),
  }),
});
const sizeCatalogSchema = z.strictObject({
  version: z.string().min(1).max(100),
  compute: perClass(z.strictObject({ vcpu: positive, memoryGb: positive })),
  database: perClass(
    z.strictObject({
      vcpu: positive,
      memoryGb: positive,
      maxQps: positive,
      sharedConnectionLimit: z.number().int().positive().optional(),
    }),
  ),
  cache: perClass(
    z.strictObject({ memoryGb: positive, maxOpsPerSecond: positive }),
  ),
  providers: z.strictObject(
    Object.fromEntries(providers.map(p => [p, providerSchema])) as Record<
      (typeof providers)[number],
      typeof providerSchema
    >,
  ),
});
const priceRowSchema = z.strictObject({
  provider: z.enum(providers),
  region: z.string().min(1).max(40),
  sku: z.string().min(1).max(200),
  unit: z.enum(priceUnits),
  usd: z.number().min(0).max(1e6),
  source: z.string().min(1).max(500),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  illustrative: z.boolean().default(true),
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key (a limit for one environment kind keeps the others); anything else replaces. */
export function mergeDeep(base: unknown, change: unknown): unknown {
  if (!isObject(base) || !isObject(change)) return change;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change))
    out[key] = mergeDeep(base[key], value);
  return out;
}

function refuse(field: string, error: z.ZodError): never {
  const issue = error.issues[0];
  throw new InputError(`${[field, ...issue.path].join('.')}: ${issue.message}`);
}

/**
 * The platform team's size catalog: their changes merged key by key into `base` (a region added, a SKU
 * changed, a limit raised), then the whole catalog checked, naming the field that is wrong; every
 * region's pair must be a region of the same provider and geography.
 */
export function mergeSizeCatalog(
  base: SizeCatalog,
  change: unknown,
  version: string,
): SizeCatalog {
  const parsed = sizeCatalogSchema.safeParse({
    ...(mergeDeep(base, change) as object),
    version,
  });
  if (!parsed.success) refuse('sizeCatalog', parsed.error);
  const catalog = parsed.data as SizeCatalog;
  for (const provider of providers) {
    const regions = catalog.providers[provider].regions;
    for (const [name, region] of Object.entries(regions)) {
      const pair = regions[region.pair];
      if (!pair || pair.geography !== region.geography || region.pair === name)
        throw new InputError(
          `sizeCatalog.providers.${provider}.regions.${name}.pair: must be another ${provider} region in the same geography (${region.geography})`,
        );
    }
  }
  return catalog;
}

/** The platform team's prices: each row replaces the row of the same provider, region and SKU, or is added. */
export function mergePriceRows(
  base: PriceTable,
  rows: unknown,
  version: string,
): PriceTable {
  const parsed = z.array(priceRowSchema).max(5000).safeParse(rows);
  if (!parsed.success) refuse('priceRows', parsed.error);
  const key = (r: Pick<PriceRow, 'provider' | 'region' | 'sku'>) =>
    `${r.provider}|${r.region}|${r.sku}`;
  const changed = new Map(parsed.data.map(r => [key(r), r as PriceRow]));
  return {
    ...base,
    version,
    rows: [
      ...base.rows.map(r => changed.get(key(r)) ?? r),
      ...[...changed.values()].filter(
        r => !base.rows.some(b => key(b) === key(r)),
      ),
    ],
  };
}
