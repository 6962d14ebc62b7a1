export interface Config {
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
