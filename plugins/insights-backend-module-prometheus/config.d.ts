export interface Config {
  insights?: {
    /** The Prometheus data source of Cairn SLOs (OpenSLO metric sources of type Prometheus). */
    prometheus?: {
      /** The Prometheus (or Thanos, Mimir) base URL the range queries go to, e.g. http://prometheus:9090. */
      url: string;
      /**
       * Headers sent with every query, e.g. an Authorization header or a tenant id.
       * @visibility secret
       */
      headers?: { [name: string]: string };
      /** Retries of a query that failed for a reason that may pass (a network error, 429, 5xx). Default 2. */
      retries?: number;
    };
  };
}
