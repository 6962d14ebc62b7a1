import { EnvironmentKind } from '../intent/intentSchema';
import { PolicyPack } from '../policy/policySchema';
import { Assumptions, defaultAssumptions } from './assumptions';
import { builtInPolicyPack } from './builtInPolicyPack';
import {
  ComplianceProfiles,
  defaultComplianceProfiles,
} from './complianceProfiles';
import { defaultPriceTable, PriceTable } from './priceTable';
import { defaultSizeCatalog, SizeCatalog } from './sizeCatalog';

/**
 * The data a platform team curates and may replace: assumptions, size catalog, prices, policies and
 * the compliance profiles' controls.
 */
export type PlatformConfig = {
  assumptions: Assumptions;
  sizeCatalog: SizeCatalog;
  priceTable: PriceTable;
  policyPack: PolicyPack;
  complianceProfiles: ComplianceProfiles;
  /**
   * Data services that environments of a kind get on infrastructure the platform runs (its provisioners:
   * a database on a shared PostgreSQL server, a key prefix on a shared Redis), planned and costed as a
   * share of it. The intent backend fills it from `intent.provisioning.kinds`; none by default.
   */
  sharedServices?: Partial<Record<EnvironmentKind, SharedService[]>>;
};

/** The data services a platform can offer on shared infrastructure. */
export type SharedService = 'postgres' | 'redis';

/** Cairn's built-in data; `{ ...defaultPlatformConfig, policyPack: mine }` replaces one part. */
export const defaultPlatformConfig: PlatformConfig = {
  assumptions: defaultAssumptions,
  sizeCatalog: defaultSizeCatalog,
  priceTable: defaultPriceTable,
  policyPack: builtInPolicyPack,
  complianceProfiles: defaultComplianceProfiles,
};
