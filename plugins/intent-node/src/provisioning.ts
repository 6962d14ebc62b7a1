import { createExtensionPoint } from '@backstage/backend-plugin-api';

/** The data services an environment can ask for (the intent's `spec.services`). */
export type DataService =
  | 'postgres'
  | 'redis'
  | 'queue'
  | 'objectStorage'
  | 'cdn';

/** What a provisioner needs to know about the environment it works for. */
export type ProvisionTarget = {
  /** The environment's registry id; stable for the environment's life. */
  environmentId: string;
  /** The environment's name from its intent (lower-case letters, digits, hyphens). */
  name: string;
  /** Limits from the plan; a provisioner applies those its service supports. */
  limits: {
    /** Most concurrent connections for the environment's login. */
    connectionLimit?: number;
    /** Longest statement, in milliseconds. */
    statementTimeoutMs?: number;
  };
};

/** A login for the provisioned resource. Secret: store encrypted, never log. */
export type ProvisionedCredentials = {
  username: string;
  password: string;
};

/** Where the resource is, without secrets. */
export type ProvisionedResource = {
  /** e.g. `postgres`, `redis` */
  service: DataService;
  host: string;
  port: number;
  /** The database name (PostgreSQL). */
  database?: string;
  /** The key prefix and channel pattern the login is limited to (Redis). */
  keyPrefix?: string;
  /** The login's name, for display; the password stays in the credentials. */
  username: string;
};

export type ProvisionResult = {
  resource: ProvisionedResource;
  credentials: ProvisionedCredentials;
};

export type ResourceStatus =
  | { state: 'healthy'; checkedAt: string; detail: string }
  | { state: 'missing'; checkedAt: string; detail: string }
  | { state: 'unhealthy'; checkedAt: string; detail: string };

/**
 * Creates a data service for environments on infrastructure the platform team runs (a shared
 * PostgreSQL, a shared Redis, ...). Every method is idempotent: applying twice leaves one resource,
 * tearing down what is already gone succeeds. Errors say what failed in words an operator can act on.
 */
export interface EnvironmentProvisioner {
  /** A short id for configuration, logs and the environment's history, e.g. `shared-postgres`. */
  readonly id: string;
  /** The data service it provides. */
  readonly service: DataService;
  /**
   * Creates the resource and its login, or repairs them (drift). With `credentials`, the existing login
   * keeps (or gets back) that password; without, a new password is generated on the server.
   */
  apply(
    target: ProvisionTarget,
    credentials?: ProvisionedCredentials,
  ): Promise<ProvisionResult>;
  /** Connects to the resource with its own credentials and reports what it finds. */
  status(
    target: ProvisionTarget,
    credentials: ProvisionedCredentials,
  ): Promise<ResourceStatus>;
  /** Removes the resource and its login; what is already gone is not an error. */
  teardown(target: ProvisionTarget): Promise<void>;
}

export interface IntentProvisionersExtensionPoint {
  addProvisioner(provisioner: EnvironmentProvisioner): void;
}

/** Lets modules of the `intent` plugin contribute provisioners. */
export const intentProvisionersExtensionPoint =
  createExtensionPoint<IntentProvisionersExtensionPoint>({
    id: 'intent.provisioners',
  });
