import { providers, sizeClasses } from '../intent/intentSchema';
import { PlatformConfig } from './PlatformConfig';

const computePrefixes = {
  aws: 'fargate',
  gcp: 'cloud-run',
  azure: 'container-apps',
} as const;
const databasePrefixes = {
  aws: 'rds-postgres',
  gcp: 'cloud-sql-postgres',
  azure: 'postgres-flexible',
} as const;
const cachePrefixes = {
  aws: 'elasticache',
  gcp: 'memorystore',
  azure: 'redis-cache',
} as const;

/**
 * Checks that replaced platform data fits together: every SKU the size catalog can select has a price in
 * every catalog region. Returns the problems (empty when consistent), so a backend can refuse bad data at start.
 */
export function checkPlatformConfig(config: PlatformConfig): string[] {
  const priced = new Set(
    config.priceTable.rows.map(r => `${r.provider}|${r.region}|${r.sku}`),
  );
  const problems: string[] = [];
  for (const provider of providers) {
    const catalog = config.sizeCatalog.providers[provider];
    const skus = [
      `${computePrefixes[provider]}:vcpu-hour`,
      `${computePrefixes[provider]}:memory-gb-hour`,
      'kubernetes:vcpu-hour',
      'kubernetes:memory-gb-hour',
      ...sizeClasses.map(
        s => `${databasePrefixes[provider]}:${catalog.database[s]}`,
      ),
      ...sizeClasses.flatMap(s => [
        `${cachePrefixes[provider]}:${catalog.cache[s].single}`,
        `${cachePrefixes[provider]}:${catalog.cache[s].replicated}`,
      ]),
    ];
    for (const region of Object.keys(catalog.regions)) {
      for (const sku of skus) {
        if (!priced.has(`${provider}|${region}|${sku}`)) {
          problems.push(`no price for ${provider} ${region} ${sku}`);
        }
      }
    }
  }
  return problems;
}
