import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Config } from '@backstage/config';
import { ProvisionedCredentials } from '@cairn/plugin-intent-node';

const VERSION = 'v1';

/**
 * Encrypts resource logins at rest with AES-256-GCM (NIST SP 800-38D): a random 96-bit IV per value,
 * the 128-bit tag kept with it, and the row's identity (`environmentId/service`) as additional
 * authenticated data, so a sealed value copied to another row does not open. Stored as
 * `v1:<iv>:<tag>:<ciphertext>` in base64.
 */
export class CredentialCipher {
  /** From `intent.credentials.encryptionKey` (base64 of 32 bytes); undefined when not configured. */
  static fromConfig(config: Config | undefined): CredentialCipher | undefined {
    const encoded = config?.getOptionalString('credentials.encryptionKey');
    if (!encoded) return undefined;
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) {
      throw new Error(
        `intent.credentials.encryptionKey must be 32 bytes in base64 (e.g. the output of \`openssl rand -base64 32\`), not ${key.length} bytes`,
      );
    }
    return new CredentialCipher(key);
  }

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('AES-256 needs a 32-byte key');
  }

  seal(credentials: ProvisionedCredentials, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([
      cipher.update(
        JSON.stringify({
          username: credentials.username,
          password: credentials.password,
        }),
        'utf8',
      ),
      cipher.final(),
    ]);
    return [
      VERSION,
      iv.toString('base64'),
      cipher.getAuthTag().toString('base64'),
      body.toString('base64'),
    ].join(':');
  }

  /** Throws (without the value) when the key, the context or the value is not the one sealed. */
  open(sealed: string, context: string): ProvisionedCredentials {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || !body) {
      throw new Error('sealed credentials: unknown format');
    }
    try {
      const decipher = createDecipheriv(
        'aes-256-gcm',
        this.key,
        Buffer.from(iv, 'base64'),
      );
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64')),
        decipher.final(),
      ]).toString('utf8');
      return JSON.parse(plain);
    } catch {
      throw new Error(
        'sealed credentials do not open with this key (was intent.credentials.encryptionKey changed?)',
      );
    }
  }
}
