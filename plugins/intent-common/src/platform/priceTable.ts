import { Provider } from '../intent/intentSchema';

export const priceUnits = [
  'hour',
  'vcpu-hour',
  'gb-hour',
  'lcu-hour',
  'gb-month',
  'gb',
  'million-requests',
  'tib',
  'month',
] as const;
export type PriceUnit = (typeof priceUnits)[number];

/** One price: what one unit of one SKU costs in one region, and where the number came from. */
export type PriceRow = {
  provider: Provider;
  region: string;
  sku: string;
  unit: PriceUnit;
  usd: number;
  /** The public price page (or file) the number was read from, or should be checked against. */
  source: string;
  /** When the number was read or written down (ISO date). */
  date: string;
  /** True when the number was not checked against a stored copy of its source. */
  illustrative: boolean;
};

export type PriceTable = {
  version: string;
  currency: 'USD';
  rows: PriceRow[];
};

interface PriceDefinition {
  provider: Provider;
  sku: string;
  unit: PriceUnit;
  source: string;
  date: string;
  prices: Record<string, number>;
  /** Regions whose price was checked against a stored copy of the source; all others are illustrative. */
  checked?: string[];
}

const DATE = '2026-11-22';
const AWS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'] as const;
const GCP = [
  'us-central1',
  'us-east1',
  'europe-west1',
  'europe-west4',
] as const;
const AZURE = ['eastus', 'westus2', 'westeurope', 'northeurope'] as const;

/** Prices per region, listed in the order of the provider's region list above. */
function perRegion(
  regions: readonly string[],
  values: number[],
): Record<string, number> {
  return Object.fromEntries(regions.map((r, i) => [r, values[i]]));
}

function def(
  provider: Provider,
  sku: string,
  unit: PriceUnit,
  values: number[],
  source: string,
  checked?: string[],
): PriceDefinition {
  const regions = { aws: AWS, gcp: GCP, azure: AZURE }[provider];
  return {
    provider,
    sku,
    unit,
    source,
    date: DATE,
    prices: perRegion(regions, values),
    checked,
  };
}

const awsPages = {
  fargate: 'https://aws.amazon.com/fargate/pricing/',
  elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
  vpc: 'https://aws.amazon.com/vpc/pricing/',
  rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
  elasticache: 'https://aws.amazon.com/elasticache/pricing/',
  sqs: 'https://aws.amazon.com/sqs/pricing/',
  s3: 'https://aws.amazon.com/s3/pricing/',
  cloudfront: 'https://aws.amazon.com/cloudfront/pricing/',
};
const gcpPages = {
  run: 'https://cloud.google.com/run/pricing',
  lb: 'https://cloud.google.com/vpc/network-pricing',
  sql: 'https://cloud.google.com/sql/pricing',
  memorystore: 'https://cloud.google.com/memorystore/docs/redis/pricing',
  pubsub: 'https://cloud.google.com/pubsub/pricing',
  gcs: 'https://cloud.google.com/storage/pricing',
  cdn: 'https://cloud.google.com/cdn/pricing',
};
const azurePages = {
  aca: 'https://azure.microsoft.com/pricing/details/container-apps/',
  pg: 'https://azure.microsoft.com/pricing/details/postgresql/flexible-server/',
  redis: 'https://azure.microsoft.com/pricing/details/cache/',
  sb: 'https://azure.microsoft.com/pricing/details/service-bus/',
  blob: 'https://azure.microsoft.com/pricing/details/storage/blobs/',
  fd: 'https://azure.microsoft.com/pricing/details/frontdoor/',
};
// The organisation's own cluster: a chargeback rate the platform team sets, not a public price.
const clusterRate =
  'platform chargeback rate for the shared Kubernetes cluster (set by the platform team)';
const sharedRate =
  "platform chargeback rate for a share of the platform's shared data servers (set by the platform team)";
/** A database on the shared PostgreSQL server and a key prefix on the shared Redis, per month. */
const shared = (provider: Provider) => [
  def(
    provider,
    'shared:postgres-database-month',
    'month',
    [12, 12, 12, 12],
    sharedRate,
  ),
  def(provider, 'shared:redis-prefix-month', 'month', [4, 4, 4, 4], sharedRate),
];
// The Fargate us-east-1 Linux/x86 rates were checked against a stored copy of a pricing article that
// quotes the AWS page (vantage.sh "AWS Fargate Pricing Explained", us-east-1 table).
const fargateChecked =
  'https://aws.amazon.com/fargate/pricing/ (us-east-1 checked via https://www.vantage.sh/blog/fargate-pricing)';

const definitions: PriceDefinition[] = [
  // AWS: us-east-1, us-west-2, eu-west-1, eu-central-1
  def(
    'aws',
    'fargate:vcpu-hour',
    'vcpu-hour',
    [0.04048, 0.04048, 0.04048, 0.04656],
    fargateChecked,
    ['us-east-1'],
  ),
  def(
    'aws',
    'fargate:memory-gb-hour',
    'gb-hour',
    [0.004445, 0.004445, 0.004445, 0.00511],
    fargateChecked,
    ['us-east-1'],
  ),
  def(
    'aws',
    'kubernetes:vcpu-hour',
    'vcpu-hour',
    [0.035, 0.035, 0.037, 0.039],
    clusterRate,
  ),
  def(
    'aws',
    'kubernetes:memory-gb-hour',
    'gb-hour',
    [0.0045, 0.0045, 0.0048, 0.005],
    clusterRate,
  ),
  def('aws', 'alb:hour', 'hour', [0.0225, 0.0225, 0.0252, 0.027], awsPages.elb),
  def(
    'aws',
    'alb:lcu-hour',
    'lcu-hour',
    [0.008, 0.008, 0.008, 0.008],
    awsPages.elb,
  ),
  def(
    'aws',
    'nat-gateway:hour',
    'hour',
    [0.045, 0.045, 0.048, 0.052],
    awsPages.vpc,
  ),
  def(
    'aws',
    'nat-gateway:gb',
    'gb',
    [0.045, 0.045, 0.048, 0.052],
    awsPages.vpc,
  ),
  def(
    'aws',
    'rds-postgres:db.t4g.medium',
    'hour',
    [0.065, 0.065, 0.072, 0.074],
    awsPages.rds,
  ),
  def(
    'aws',
    'rds-postgres:db.m6g.large',
    'hour',
    [0.152, 0.152, 0.168, 0.171],
    awsPages.rds,
  ),
  def(
    'aws',
    'rds-postgres:db.m6g.xlarge',
    'hour',
    [0.304, 0.304, 0.336, 0.342],
    awsPages.rds,
  ),
  def(
    'aws',
    'rds-postgres:db.m6g.2xlarge',
    'hour',
    [0.608, 0.608, 0.672, 0.684],
    awsPages.rds,
  ),
  def(
    'aws',
    'rds:gp3-gb-month',
    'gb-month',
    [0.115, 0.115, 0.127, 0.137],
    awsPages.rds,
  ),
  def(
    'aws',
    'rds:backup-gb-month',
    'gb-month',
    [0.095, 0.095, 0.095, 0.1],
    awsPages.rds,
  ),
  def(
    'aws',
    'elasticache:cache.t4g.small',
    'hour',
    [0.032, 0.032, 0.036, 0.037],
    awsPages.elasticache,
  ),
  def(
    'aws',
    'elasticache:cache.m6g.large',
    'hour',
    [0.149, 0.149, 0.164, 0.171],
    awsPages.elasticache,
  ),
  def(
    'aws',
    'elasticache:cache.m6g.xlarge',
    'hour',
    [0.297, 0.297, 0.327, 0.342],
    awsPages.elasticache,
  ),
  def(
    'aws',
    'elasticache:cache.m6g.2xlarge',
    'hour',
    [0.593, 0.593, 0.654, 0.684],
    awsPages.elasticache,
  ),
  def(
    'aws',
    'sqs:million-requests',
    'million-requests',
    [0.4, 0.4, 0.4, 0.4],
    awsPages.sqs,
  ),
  def(
    'aws',
    's3:standard-gb-month',
    'gb-month',
    [0.023, 0.023, 0.023, 0.0245],
    awsPages.s3,
  ),
  def(
    'aws',
    'cloudfront:egress-gb',
    'gb',
    [0.085, 0.085, 0.085, 0.085],
    awsPages.cloudfront,
  ),

  // GCP: us-central1, us-east1, europe-west1, europe-west4
  def(
    'gcp',
    'cloud-run:vcpu-hour',
    'vcpu-hour',
    [0.0648, 0.0648, 0.0648, 0.0648],
    gcpPages.run,
  ),
  def(
    'gcp',
    'cloud-run:memory-gb-hour',
    'gb-hour',
    [0.0072, 0.0072, 0.0072, 0.0072],
    gcpPages.run,
  ),
  def(
    'gcp',
    'kubernetes:vcpu-hour',
    'vcpu-hour',
    [0.035, 0.035, 0.038, 0.038],
    clusterRate,
  ),
  def(
    'gcp',
    'kubernetes:memory-gb-hour',
    'gb-hour',
    [0.0045, 0.0045, 0.0049, 0.0049],
    clusterRate,
  ),
  def(
    'gcp',
    'cloud-lb:forwarding-rule-hour',
    'hour',
    [0.025, 0.025, 0.025, 0.025],
    gcpPages.lb,
  ),
  def(
    'gcp',
    'cloud-lb:data-gb',
    'gb',
    [0.008, 0.008, 0.008, 0.008],
    gcpPages.lb,
  ),
  // Cloud SQL custom tiers: vCPU-hours × vCPU rate + GB-hours × memory rate, precomputed per tier.
  def(
    'gcp',
    'cloud-sql-postgres:db-custom-2-4096',
    'hour',
    [0.1106, 0.1106, 0.1216, 0.1216],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'cloud-sql-postgres:db-custom-2-8192',
    'hour',
    [0.1386, 0.1386, 0.1524, 0.1524],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'cloud-sql-postgres:db-custom-4-16384',
    'hour',
    [0.2772, 0.2772, 0.3048, 0.3048],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'cloud-sql-postgres:db-custom-8-32768',
    'hour',
    [0.5544, 0.5544, 0.6096, 0.6096],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'cloud-sql:ssd-gb-month',
    'gb-month',
    [0.17, 0.17, 0.187, 0.187],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'cloud-sql:backup-gb-month',
    'gb-month',
    [0.08, 0.08, 0.088, 0.088],
    gcpPages.sql,
  ),
  def(
    'gcp',
    'memorystore:BASIC-1',
    'hour',
    [0.049, 0.049, 0.054, 0.054],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:BASIC-5',
    'hour',
    [0.135, 0.135, 0.149, 0.149],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:BASIC-12',
    'hour',
    [0.276, 0.276, 0.304, 0.304],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:BASIC-24',
    'hour',
    [0.552, 0.552, 0.607, 0.607],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:STANDARD_HA-1',
    'hour',
    [0.064, 0.064, 0.07, 0.07],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:STANDARD_HA-5',
    'hour',
    [0.175, 0.175, 0.193, 0.193],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:STANDARD_HA-12',
    'hour',
    [0.36, 0.36, 0.396, 0.396],
    gcpPages.memorystore,
  ),
  def(
    'gcp',
    'memorystore:STANDARD_HA-24',
    'hour',
    [0.72, 0.72, 0.792, 0.792],
    gcpPages.memorystore,
  ),
  def('gcp', 'pubsub:tib', 'tib', [40, 40, 40, 40], gcpPages.pubsub),
  def(
    'gcp',
    'gcs:standard-gb-month',
    'gb-month',
    [0.02, 0.02, 0.02, 0.02],
    gcpPages.gcs,
  ),
  def(
    'gcp',
    'cloud-cdn:egress-gb',
    'gb',
    [0.08, 0.08, 0.08, 0.08],
    gcpPages.cdn,
  ),

  // Azure: eastus, westus2, westeurope, northeurope
  def(
    'azure',
    'container-apps:vcpu-hour',
    'vcpu-hour',
    [0.0864, 0.0864, 0.0864, 0.0864],
    azurePages.aca,
  ),
  def(
    'azure',
    'container-apps:memory-gb-hour',
    'gb-hour',
    [0.0108, 0.0108, 0.0108, 0.0108],
    azurePages.aca,
  ),
  def(
    'azure',
    'kubernetes:vcpu-hour',
    'vcpu-hour',
    [0.035, 0.035, 0.038, 0.038],
    clusterRate,
  ),
  def(
    'azure',
    'kubernetes:memory-gb-hour',
    'gb-hour',
    [0.0045, 0.0045, 0.0049, 0.0049],
    clusterRate,
  ),
  def(
    'azure',
    'postgres-flexible:B_Standard_B2s',
    'hour',
    [0.068, 0.068, 0.075, 0.075],
    azurePages.pg,
  ),
  def(
    'azure',
    'postgres-flexible:GP_Standard_D2ds_v5',
    'hour',
    [0.178, 0.178, 0.196, 0.196],
    azurePages.pg,
  ),
  def(
    'azure',
    'postgres-flexible:GP_Standard_D4ds_v5',
    'hour',
    [0.356, 0.356, 0.392, 0.392],
    azurePages.pg,
  ),
  def(
    'azure',
    'postgres-flexible:GP_Standard_D8ds_v5',
    'hour',
    [0.712, 0.712, 0.784, 0.784],
    azurePages.pg,
  ),
  def(
    'azure',
    'postgres-flexible:storage-gb-month',
    'gb-month',
    [0.115, 0.115, 0.127, 0.127],
    azurePages.pg,
  ),
  def(
    'azure',
    'postgres-flexible:backup-gb-month',
    'gb-month',
    [0.095, 0.095, 0.1, 0.1],
    azurePages.pg,
  ),
  def(
    'azure',
    'redis-cache:Basic-C1',
    'hour',
    [0.055, 0.055, 0.061, 0.061],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Basic-C3',
    'hour',
    [0.22, 0.22, 0.242, 0.242],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Basic-C4',
    'hour',
    [0.261, 0.261, 0.287, 0.287],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Basic-C5',
    'hour',
    [0.55, 0.55, 0.605, 0.605],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Premium-P1',
    'hour',
    [0.554, 0.554, 0.609, 0.609],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Premium-P2',
    'hour',
    [1.108, 1.108, 1.219, 1.219],
    azurePages.redis,
  ),
  def(
    'azure',
    'redis-cache:Premium-P3',
    'hour',
    [2.216, 2.216, 2.438, 2.438],
    azurePages.redis,
  ),
  def(
    'azure',
    'service-bus:standard-base-hour',
    'hour',
    [0.0135, 0.0135, 0.0135, 0.0135],
    azurePages.sb,
  ),
  def(
    'azure',
    'service-bus:million-operations',
    'million-requests',
    [0.8, 0.8, 0.8, 0.8],
    azurePages.sb,
  ),
  def(
    'azure',
    'blob:hot-lrs-gb-month',
    'gb-month',
    [0.0184, 0.0184, 0.0196, 0.0196],
    azurePages.blob,
  ),
  def(
    'azure',
    'front-door:standard-base-month',
    'month',
    [35, 35, 35, 35],
    azurePages.fd,
  ),
  def(
    'azure',
    'front-door:egress-gb',
    'gb',
    [0.083, 0.083, 0.083, 0.083],
    azurePages.fd,
  ),
  ...shared('aws'),
  ...shared('gcp'),
  ...shared('azure'),
];

function toRows(defs: PriceDefinition[]): PriceRow[] {
  return defs.flatMap(d =>
    Object.entries(d.prices).map(([region, usd]) => ({
      provider: d.provider,
      region,
      sku: d.sku,
      unit: d.unit,
      usd,
      source: d.source,
      date: d.date,
      illustrative: !(d.checked ?? []).includes(region),
    })),
  );
}

/**
 * List prices (on demand, USD) for every SKU the default size catalog and cost meters can select.
 * Rows marked illustrative were written from the public pages named in `source` without a stored copy to
 * check against; the README says how to refresh them.
 */
export const defaultPriceTable: PriceTable = {
  version: '2026-11-22.1',
  currency: 'USD',
  rows: toRows(definitions),
};
