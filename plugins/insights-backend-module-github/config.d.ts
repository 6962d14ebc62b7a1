export interface Config {
  insights?: {
    /** The GitHub webhook module of Cairn delivery insights. */
    github?: {
      webhook?: {
        /**
         * The webhook secret set on the GitHub webhook. Requests whose X-Hub-Signature-256 does not
         * match are refused. Without a secret the webhook answers 503.
         * @visibility secret
         */
        secret?: string;
        /**
         * More secrets accepted at the same time, to rotate a secret without losing deliveries: add
         * the new one here, change it on GitHub, then make it `secret` and remove the old one.
         * @visibility secret
         */
        additionalSecrets?: string[];
      };
      incidents?: {
        /** Issues carrying one of these labels are incidents. Default: ['incident']. */
        labels?: string[];
        /** A label `<prefix><name>` names the incident's component. Default: 'component:'. */
        componentLabelPrefix?: string;
        /** A label `<prefix><level>` gives the incident's severity. Default: 'severity:'. */
        severityLabelPrefix?: string;
        /** A label `<prefix><name>` gives the incident's environment. Default: 'environment:'; otherwise production. */
        environmentLabelPrefix?: string;
        /**
         * The component of incidents raised in a repository, when the issue has no component label.
         * Otherwise the repository's single component (by its catalog annotations) is used.
         */
        components?: Array<{
          /** `owner/name` */
          repository: string;
          /** A component name or entity ref. */
          component: string;
        }>;
      };
    };
  };
}
