import { CustomErrorBase } from '@backstage/errors';

/** A request larger than a configured limit: 413. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A body in a content type the route does not read: 415. */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}
