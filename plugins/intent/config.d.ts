export interface Config {
  /** Settings the Cairn plugins share. */
  cairn?: {
    /**
     * IANA time zone the portal shows times in (e.g. Europe/Berlin), with the zone's name beside each
     * time. Default: the browser's zone. The insights backend also counts days in it when
     * `insights.defaultTimezone` is not set.
     *
     * @visibility frontend
     */
    timeZone?: string;
  };
  intent?: {
    /**
     * The portal's own page about self-service environments (templates, guardrails, who approves),
     * linked from the environments pages' empty states.
     * @visibility frontend
     */
    docsUrl?: string;
  };
}
