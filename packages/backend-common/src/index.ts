/**
 * What Cairn's backend plugins share: retried transactions, 503 with `Retry-After` for a failing
 * dependency, bounded JSON request guards, and health checks.
 *
 * @packageDocumentation
 */
export {
  callCatalog,
  DEFAULT_RETRY_AFTER_SECONDS,
  DependencyUnavailableError,
  isDependencyUnavailable,
  isTransientConflict,
} from './dependencyErrors';
export { retryTransaction } from './retryTransaction';
export type { RetryTransactionOptions } from './retryTransaction';
export { clip, findJsonProblem, isWellFormed } from './jsonProblems';
export type { JsonLimits, JsonProblem } from './jsonProblems';
export { bodyParserError, jsonRequestGuards } from './requestGuards';
export { PayloadTooLargeError, UnsupportedMediaTypeError } from './httpErrors';
export {
  createErrorMiddleware,
  MAX_ERROR_MESSAGE,
  validatorMessage,
} from './errorMiddleware';
export { checkHealth, databaseHealthCheck } from './health';
export type { HealthCheck, HealthReport } from './health';
