import { randomBytes } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import { CredentialCipher } from './CredentialCipher';

describe('CredentialCipher', () => {
  const login = { username: 'cairn_env_a', password: 's3cret-Passw0rd' };

  it('seals without the plaintext and opens only with the same key and row', () => {
    const key = randomBytes(32);
    const cipher = new CredentialCipher(key);
    const sealed = cipher.seal(login, 'env-1/postgres');
    expect(sealed).toMatch(
      /^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/,
    );
    expect(sealed).not.toContain(login.password);
    // A fresh IV each time: the same login never seals to the same text.
    expect(cipher.seal(login, 'env-1/postgres')).not.toBe(sealed);
    expect(cipher.open(sealed, 'env-1/postgres')).toEqual(login);
    expect(() => cipher.open(sealed, 'env-2/postgres')).toThrow(
      /do not open with this key/,
    );
    expect(() =>
      new CredentialCipher(randomBytes(32)).open(sealed, 'env-1/postgres'),
    ).toThrow(/do not open/);
    const [v, iv, tag, body] = sealed.split(':');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() =>
      cipher.open(
        [v, iv, tag, flipped.toString('base64')].join(':'),
        'env-1/postgres',
      ),
    ).toThrow(/do not open/);
  });

  it('reads its key from configuration and refuses a key of the wrong size', () => {
    expect(CredentialCipher.fromConfig(undefined)).toBeUndefined();
    expect(
      CredentialCipher.fromConfig(new ConfigReader({ credentials: {} })),
    ).toBeUndefined();
    const key = randomBytes(32).toString('base64');
    expect(
      CredentialCipher.fromConfig(
        new ConfigReader({ credentials: { encryptionKey: key } }),
      ),
    ).toBeInstanceOf(CredentialCipher);
    expect(() =>
      CredentialCipher.fromConfig(
        new ConfigReader({
          credentials: { encryptionKey: randomBytes(16).toString('base64') },
        }),
      ),
    ).toThrow(/must be 32 bytes in base64.*not 16 bytes/);
  });
});
