export interface Config {
  /** Settings shared by the Cairn plugins of the demo portal. */
  cairn?: {
    /**
     * The platform team's group. Its members may push delivery events and approve production
     * environments. Default: group:default/platform.
     */
    platformTeam?: string;
  };
}
