/**
 * Cairn's one CEL evaluation, isomorphic: intent guardrails and scorecard checks both use it.
 *
 * @packageDocumentation
 */
export {
  celVariables,
  checkCel,
  evaluateCel,
  formatCelValue,
  renderCelTemplate,
} from './evaluateCel';
export type { CelOutcome } from './evaluateCel';
