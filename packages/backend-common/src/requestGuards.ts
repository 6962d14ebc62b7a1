import { InputError } from '@backstage/errors';
import express, { NextFunction, Request, Response } from 'express';
import { findJsonProblem, JsonLimits } from './jsonProblems';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from './httpErrors';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > 0
  );
}

/**
 * Everything a JSON route needs in front of it, in one place so that every Cairn plugin answers bad
 * input the same way: 415 naming the content type expected, 400 `body: ...` for JSON that does not
 * parse, 413 for a body over `limit`, and 400 naming the field for nesting deeper than the limit or a
 * lone surrogate. Mount it before the routes (and before an OpenAPI validator, whose error handler
 * would turn a 413 into a 400).
 */
export function jsonRequestGuards(
  options: { limit: string } & JsonLimits,
): express.RequestHandler[] {
  const parse = express.json({ limit: options.limit });
  return [
    (req: Request, _res: Response, next: NextFunction) => {
      if (!WITH_BODY.has(req.method) || !hasBody(req)) {
        next();
        return;
      }
      if (!req.is('application/json') && !req.is('+json')) {
        next(
          new UnsupportedMediaTypeError(
            `content-type: must be application/json, not '${
              req.headers['content-type'] ?? 'none'
            }'`,
          ),
        );
        return;
      }
      parse(req, _res, error => {
        next(error ? bodyParserError(error, options.limit) : undefined);
      });
    },
    (req: Request, _res: Response, next: NextFunction) => {
      // Query values reach queries too: the same text rules (a `%00` would reach PostgreSQL).
      const problem =
        findJsonProblem(req.query, 'query', options) ??
        (req.body !== undefined
          ? findJsonProblem(req.body, 'body', options)
          : undefined);
      if (problem) {
        next(new InputError(`${problem.path}: ${problem.message}`));
        return;
      }
      next();
    },
  ];
}

/** A body-parser failure as Cairn's errors: every message names `body`. */
export function bodyParserError(error: unknown, limit: string): Error {
  const e = error as { type?: string; message?: string; charset?: string };
  switch (e.type) {
    case 'entity.parse.failed':
      return new InputError(
        `body: is not valid JSON (${String(e.message ?? '').slice(0, 120)})`,
      );
    case 'entity.too.large':
      return new PayloadTooLargeError(
        `body: request entity too large; the limit is ${limit}`,
      );
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new UnsupportedMediaTypeError(
        `content-type: unsupported ${
          e.type === 'charset.unsupported' ? 'charset' : 'content encoding'
        }; send UTF-8 JSON`,
      );
    case 'request.aborted':
    case 'request.size.invalid':
      return new InputError(`body: ${e.message ?? 'could not be read'}`);
    default:
      return error instanceof Error ? error : new Error(String(error));
  }
}
