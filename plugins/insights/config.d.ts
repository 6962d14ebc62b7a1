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
  insights?: {
    /**
     * A page in this portal's own documentation about sending delivery events. When set, the empty
     * states link to it; they always explain the events and annotations inline.
     *
     * @visibility frontend
     */
    docsUrl?: string;
  };
}
