import { LoggerService } from '@backstage/backend-plugin-api';
import { ResourceCredentials } from '@cairn/plugin-intent-common';
import { ProvisionedCredentials } from '@cairn/plugin-intent-node';
import { CredentialCipher } from './CredentialCipher';
import { StoredResource } from './DatabaseResourceStore';

/** The associated data a login is sealed with: the row it belongs to. */
const sealContext = (environmentId: string, service: string) =>
  `${environmentId}/${service}`;

export const errorText = (error: unknown) =>
  error instanceof Error ? error.message : String(error);

/**
 * The credentials part of provisioning: logins are sealed (AES-256-GCM, bound to their row) before they
 * are stored, opened only for an authorized owner or for the work on their own resource, never logged.
 */
export class SealedLogins {
  constructor(
    private readonly cipher: CredentialCipher | undefined,
    private readonly logger: LoggerService,
  ) {}

  get available(): boolean {
    return this.cipher !== undefined;
  }

  seal(
    credentials: ProvisionedCredentials,
    environmentId: string,
    service: string,
  ): string {
    return this.cipher!.seal(credentials, sealContext(environmentId, service));
  }

  /** The stored login of a resource; throws when it was sealed with another key. */
  open(row: StoredResource): ProvisionedCredentials | undefined {
    if (!row.sealedCredentials || !this.cipher) return undefined;
    return this.cipher.open(
      row.sealedCredentials,
      sealContext(row.environmentId, row.service),
    );
  }

  /** The logins of an environment's usable resources, opened for an authorized owner. Never logged. */
  openAll(
    environmentId: string,
    rows: StoredResource[],
  ): ResourceCredentials[] {
    const result: ResourceCredentials[] = [];
    for (const row of rows) {
      if (!row.sealedCredentials || !this.cipher) continue;
      if (row.state === 'tearing-down' || row.state === 'torn-down') continue;
      let opened: ProvisionedCredentials;
      try {
        opened = this.cipher.open(
          row.sealedCredentials,
          sealContext(row.environmentId, row.service),
        );
      } catch (error) {
        // Sealed with another key: provisioning again sets a new password.
        this.logger.warn(
          `${row.service} of environment ${environmentId}: ${errorText(error)}`,
        );
        continue;
      }
      const { username, password } = opened;
      result.push({
        service: row.service,
        username,
        password,
        host: row.host!,
        port: row.port!,
        database: row.database,
        keyPrefix: row.keyPrefix,
        connectionString: connectionString(row, username, password),
      });
    }
    return result;
  }
}

function connectionString(
  row: StoredResource,
  username: string,
  password: string,
): string | undefined {
  const user = `${encodeURIComponent(username)}:${encodeURIComponent(
    password,
  )}`;
  if (row.service === 'postgres') {
    return `postgresql://${user}@${row.host}:${row.port}/${encodeURIComponent(
      row.database ?? '',
    )}`;
  }
  if (row.service === 'redis') return `redis://${user}@${row.host}:${row.port}`;
  return undefined;
}
