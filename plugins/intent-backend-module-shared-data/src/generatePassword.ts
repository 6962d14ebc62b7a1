import { randomBytes } from 'node:crypto';

/** 32 random bytes, URL-safe: strong, and free of quotes or spaces. Generated on the server only. */
export function generatePassword(): string {
  return randomBytes(32).toString('base64url');
}
