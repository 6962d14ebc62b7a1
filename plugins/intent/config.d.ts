export interface Config {
  intent?: {
    /**
     * The portal's own page about self-service environments (templates, guardrails, who approves),
     * linked from the environments pages' empty states.
     * @visibility frontend
     */
    docsUrl?: string;
  };
}
