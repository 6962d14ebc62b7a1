/**
 * Cairn's intent engine, isomorphic (browser and Node): intent schema, planner, guardrail policies, cost
 * estimates and renderers; and the intent backend's permissions, API types and client.
 *
 * @packageDocumentation
 */

export * from './intent/intentSchema';
export * from './intent/parseIntent';
export * from './intent/intentJsonSchema';
export * from './plan/planTypes';
export * from './plan/planIntent';
export { availabilityBand } from './plan/availabilityBand';
export * from './cost/estimateCost';
export * from './policy/policySchema';
export * from './policy/evaluatePolicies';
export * from './platform/assumptions';
export * from './platform/sizeCatalog';
export * from './platform/priceTable';
export * from './platform/builtInPolicyPack';
export * from './platform/PlatformConfig';
export * from './platform/complianceProfiles';
export * from './platform/platformOverrides';
export * from './platform/checkPlatformConfig';
export * from './evaluateIntent';
export * from './renderPlanMarkdown';
export * from './examples/exampleIntents';
export * from './render/renderBundle';
export * from './render/terraform/TerraformDocument';
export * from './render/terraform/validateTerraform';
export {
  providerVersions,
  resourceSchemas,
  terraformRequiredVersion,
} from './render/terraform/terraformSchema';
export type { ResourceSchema } from './render/terraform/terraformSchema';
export { renderAwsTerraform } from './render/terraform/renderAwsTerraform';
export { renderGcpTerraform } from './render/terraform/renderGcpTerraform';
export { renderAzureTerraform } from './render/terraform/renderAzureTerraform';
export * from './render/kubernetes/renderKubernetesManifests';
export * from './registry/permissions';
export * from './registry/types';
export * from './registry/IntentClient';
export * from './registry/canonicalHash';
export * from './registry/planDiff';
export * from './registry/environmentFiles';
export * from './registry/environmentEntity';
export * from './infer/inferenceTypes';
export * from './infer/inferIntent';
