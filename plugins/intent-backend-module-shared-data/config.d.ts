export interface Config {
  intent?: {
    provisioners?: {
      /**
       * A shared PostgreSQL on which each preview or dev environment gets a database and a login.
       * Omit to leave PostgreSQL to the environment's reviewed pipeline.
       */
      sharedPostgres?: {
        host: string;
        port?: number;
        /** An administrative login that may create roles and databases. */
        user: string;
        /** @visibility secret */
        password?: string;
        /** The host developers connect to, when it differs. */
        publicHost?: string;
      };
      /** A shared Redis on which each environment gets an ACL user limited to its key prefix. */
      sharedRedis?: {
        host: string;
        port?: number;
        username?: string;
        /** @visibility secret */
        password?: string;
        publicHost?: string;
      };
    };
  };
}
