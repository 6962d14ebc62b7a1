import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, isError } from '@backstage/errors';
import { randomBytes } from 'node:crypto';
import { ErrorRequestHandler } from 'express';
import {
  DEFAULT_RETRY_AFTER_SECONDS,
  DependencyUnavailableError,
  isDependencyUnavailable,
} from './dependencyErrors';

/** Errors whose message is written for the caller (Backstage's error types and Cairn's own 4xx/503). */
const CALLER_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
  'NotImplementedError',
  'ServiceUnavailableError',
  'PayloadTooLargeError',
  'UnsupportedMediaTypeError',
]);

/** The longest error message a response carries; a list of problems is cut with a count of the rest. */
export const MAX_ERROR_MESSAGE = 4000;

/**
 * The last error handler of a Cairn plugin's router, before Backstage's own:
 * - a failing dependency (database unreachable, pool exhausted, catalog down) becomes 503 with
 *   `Retry-After`, whatever layer noticed it, with a message that names no host, port or SQL;
 * - any other unexpected error becomes a 500 whose message is a reference to the log line, never the
 *   driver's text or a stack trace (Backstage filters only `DatabaseError`, and shows stacks in
 *   development);
 * - messages written for the caller are kept, cut at MAX_ERROR_MESSAGE characters, so an input with
 *   thousands of problems cannot amplify into a response or a log line of megabytes.
 */
export function createErrorMiddleware(options: {
  logger: LoggerService;
  /** What to call the database in messages, e.g. "the insights database". */
  database?: string;
}): ErrorRequestHandler {
  const { logger } = options;
  return (error, _req, res, next) => {
    if (!isError(error)) {
      next(error);
      return;
    }
    if (
      error instanceof DependencyUnavailableError ||
      isDependencyUnavailable(error)
    ) {
      const unavailable =
        error instanceof DependencyUnavailableError
          ? error
          : new DependencyUnavailableError(
              `${
                options.database ?? 'the database'
              } is unavailable; retry shortly`,
            );
      if (!(error instanceof DependencyUnavailableError)) {
        logger.warn(`Answering 503: ${String(error.message).slice(0, 300)}`);
      }
      if (!res.headersSent) {
        res.setHeader(
          'Retry-After',
          String(unavailable.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS),
        );
      }
      next(stripped(unavailable));
      return;
    }
    if (
      error.name === 'URIError' ||
      (error.name === 'InputError' && /^malformed uri/i.test(error.message))
    ) {
      next(
        stripped(
          new InputError(
            'path: the URL has malformed percent-encoding (not UTF-8)',
          ),
        ),
      );
      return;
    }
    const statusCode = (error as { statusCode?: unknown }).statusCode;
    const forCaller =
      CALLER_ERRORS.has(error.name) ||
      (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500);
    if (!forCaller) {
      const ref = randomBytes(8).toString('hex');
      logger.error(`Internal error ref=${ref}`, error);
      const internal = new Error(
        `An internal error occurred; the backend log has the details (ref=${ref})`,
      );
      next(stripped(internal));
      return;
    }
    if (error.name === 'InputError') {
      error.message = validatorMessage(error.message);
    }
    if (error.message.length > MAX_ERROR_MESSAGE) {
      error.message = `${error.message.slice(
        0,
        MAX_ERROR_MESSAGE,
      )}… (cut at ${MAX_ERROR_MESSAGE} characters)`;
    }
    next(stripped(error));
  };
}

/**
 * The OpenAPI validator's wording (`request/body/spec/0 must be object`, `request/body must have
 * required property 'intent'`) in Cairn's: the field path first, as every other 400 names it
 * (`body.spec[0]: must be object`, `body.intent: is required`, `query.limit: must be integer`).
 */
export function validatorMessage(message: string): string {
  return message.replace(
    /request\/(body|query|params|headers)((?:\/[^\s/]+)*) (must have required property '([^']+)'|[^,]+)/g,
    (_all, where: string, rest: string, problem: string, required?: string) => {
      const segments = rest.split('/').filter(Boolean);
      if (required) segments.push(required);
      const path = segments.reduce(
        (acc, segment) =>
          /^\d+$/.test(segment) ? `${acc}[${segment}]` : `${acc}.${segment}`,
        where,
      );
      return `${path}: ${required ? 'is required' : problem}`;
    },
  );
}

/** No stack traces in responses: they name files and versions, and never help the caller. */
function stripped<E extends Error>(error: E): E {
  delete (error as { stack?: string }).stack;
  if ('cause' in error) delete (error as { cause?: unknown }).cause;
  return error;
}
