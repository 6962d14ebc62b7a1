import { Config } from '@backstage/config';
import { readProvisioningConfig } from '../provisioning/readProvisioningConfig';
import {
  canonicalSha256,
  catalogRegions,
  checkPlatformConfig,
  defaultPlatformConfig,
  directionalIntentYaml,
  EnvironmentKind,
  evaluateIntent,
  explicitIntentYaml,
  mergeComplianceProfiles,
  mergeDeep,
  mergePriceRows,
  mergeSizeCatalog,
  outcomeIntentYaml,
  parsePolicyPack,
  PlatformConfig,
  PlatformConfigResponse,
  Policy,
} from '@cairn/plugin-intent-common';

/** What a portal's change adds to a version: `+portal.` and the start of the change's hash. */
const portalSuffix = (change: unknown) =>
  `+portal.${canonicalSha256(change as object).slice(0, 8)}`;

/**
 * The data services each environment kind gets from the platform's provisioners (the validated
 * `intent.provisioning.kinds`): planned as a share of the platform's servers, not as instances.
 */
function sharedServicesOf(
  config: Config | undefined,
): Pick<PlatformConfig, 'sharedServices'> {
  if (!config?.has('provisioning.kinds')) return {};
  const { selection } = readProvisioningConfig(config);
  const shared: NonNullable<PlatformConfig['sharedServices']> = {};
  for (const [kind, services] of Object.entries(selection)) {
    const onShared = (['postgres', 'redis'] as const).filter(
      service => services?.[service],
    );
    if (onShared.length) shared[kind as EnvironmentKind] = onShared;
  }
  return { sharedServices: shared };
}

/**
 * Cairn's built-in platform data with the portal's overrides from `intent.platform` (config.d.ts):
 * policies turned off, policy parameters changed (e.g. the cost limit per environment kind), policies
 * added. Refuses at start-up what cannot work: unknown policy ids, invalid policies, or a size catalog
 * and price table that do not fit together.
 */
export function readPlatformConfig(
  config: Config | undefined,
  base: PlatformConfig = defaultPlatformConfig,
): PlatformConfigResponse {
  const c = config?.getOptionalConfig('platform');
  const known = new Set(base.policyPack.policies.map(p => p.id));
  const disabled = c?.getOptionalStringArray('disabledPolicies') ?? [];
  for (const id of disabled) {
    if (!known.has(id)) {
      throw new Error(
        `intent.platform.disabledPolicies: '${id}' is not a policy of pack ${
          base.policyPack.version
        } (${[...known].join(', ')})`,
      );
    }
  }
  const paramsConfig = c?.getOptionalConfig('policyParams');
  const changedParams = paramsConfig?.keys() ?? [];
  for (const id of changedParams) {
    if (!known.has(id)) {
      throw new Error(
        `intent.platform.policyParams.${id}: not a policy of pack ${base.policyPack.version}`,
      );
    }
  }
  const added: Policy[] = (
    c?.getOptionalConfigArray('extraPolicies') ?? []
  ).map(p => p.get() as Policy);
  const policies = [
    ...base.policyPack.policies
      .filter(p => !disabled.includes(p.id))
      .map(p =>
        changedParams.includes(p.id)
          ? {
              ...p,
              params: mergeDeep(
                p.params ?? {},
                paramsConfig!.getConfig(p.id).get(),
              ) as Record<string, unknown>,
            }
          : p,
      ),
    ...added,
  ];
  const profilesConfig = c?.getOptional('complianceProfiles');
  let complianceProfiles = base.complianceProfiles;
  try {
    if (profilesConfig !== undefined)
      complianceProfiles = mergeComplianceProfiles(
        profilesConfig,
        base.complianceProfiles,
      );
  } catch (error) {
    throw new Error(`intent.platform.${(error as Error).message}`);
  }
  const changedComplianceProfiles = Object.keys(
    (profilesConfig as object | undefined) ?? {},
  );
  // Regions (with their residency), size classes and SKUs, and prices: the platform team's data.
  const catalogChange = c?.getOptional('sizeCatalog');
  const priceRows = c?.getOptional('priceRows');
  let sizeCatalog = base.sizeCatalog;
  let priceTable = base.priceTable;
  try {
    if (catalogChange !== undefined)
      sizeCatalog = mergeSizeCatalog(
        base.sizeCatalog,
        catalogChange,
        `${base.sizeCatalog.version}${portalSuffix(catalogChange)}`,
      );
    if (priceRows !== undefined)
      priceTable = mergePriceRows(
        base.priceTable,
        priceRows,
        `${base.priceTable.version}${portalSuffix(priceRows)}`,
      );
  } catch (error) {
    throw new Error(`intent.platform.${(error as Error).message}`);
  }
  const overrides = {
    disabledPolicies: disabled,
    addedPolicies: added.map(p => p.id),
    changedParams,
    changedComplianceProfiles,
  };
  const changed =
    disabled.length + changedParams.length + added.length > 0
      ? portalSuffix(overrides)
      : '';
  let policyPack;
  try {
    policyPack = parsePolicyPack({
      version: `${base.policyPack.version}${changed}`,
      policies,
    });
  } catch (error) {
    throw new Error(`intent.platform: ${(error as Error).message}`);
  }
  const ids = policyPack.policies.map(p => p.id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    throw new Error(
      `intent.platform.extraPolicies: policy id '${duplicate}' is used twice`,
    );
  }
  // The region policies follow the catalog's regions, unless the portal set their parameters itself.
  if (catalogChange !== undefined) {
    const regionParams: Record<string, object> = {
      'allowed-regions': { regions: catalogRegions(sizeCatalog) },
      'gdpr-eu-regions': { euRegions: catalogRegions(sizeCatalog, 'eu') },
    };
    policyPack = {
      ...policyPack,
      policies: policyPack.policies.map(p =>
        regionParams[p.id] && !changedParams.includes(p.id)
          ? { ...p, params: { ...p.params, ...regionParams[p.id] } }
          : p,
      ),
    };
  }
  const platform: PlatformConfig = {
    ...base,
    sizeCatalog,
    priceTable,
    policyPack,
    complianceProfiles,
    ...sharedServicesOf(config),
  };
  const problems = checkPlatformConfig(platform);
  if (problems.length > 0) {
    throw new Error(
      `intent platform configuration does not fit together: ${problems.join(
        '; ',
      )}`,
    );
  }
  // A policy that does not compile blocks every plan: find it now rather than at the first request.
  for (const example of [
    outcomeIntentYaml,
    directionalIntentYaml,
    explicitIntentYaml,
  ]) {
    const { policies: report } = evaluateIntent(example, platform, {
      now: new Date(0),
      requester: 'user:default/example',
    });
    if (report.errors.length > 0) {
      throw new Error(
        `intent.platform: ${report.errors.map(e => e.message).join('; ')}`,
      );
    }
  }
  return { version: canonicalSha256(platform), config: platform, overrides };
}
