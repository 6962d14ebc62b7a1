import { ResponseError } from '@backstage/errors';

/** A backend error in one sentence: the HTTP status and the backend's own message. */
export function errorMessage(error: Error): string {
  if (error instanceof ResponseError || error.name === 'ResponseError') {
    const cause = (error as ResponseError).cause;
    if (cause?.message && !error.message.includes(cause.message)) {
      return `${error.message}: ${cause.message}`;
    }
  }
  return error.message;
}
