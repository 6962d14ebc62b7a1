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
};

/** Cairn's built-in data; `{ ...defaultPlatformConfig, policyPack: mine }` replaces one part. */
export const defaultPlatformConfig: PlatformConfig = {
  assumptions: defaultAssumptions,
  sizeCatalog: defaultSizeCatalog,
  priceTable: defaultPriceTable,
  policyPack: builtInPolicyPack,
  complianceProfiles: defaultComplianceProfiles,
};
