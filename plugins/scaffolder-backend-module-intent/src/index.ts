/**
 * Scaffolder actions for Cairn's intents: `cairn:intent:plan`, `cairn:environment:register` and
 * `cairn:environment:approve`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleIntent as default } from './module';
export { createPlanAction } from './actions/plan';
export { createRegisterAction } from './actions/register';
export { createApproveAction } from './actions/approve';
export type { IntentActionOptions } from './actions/intentCaller';
