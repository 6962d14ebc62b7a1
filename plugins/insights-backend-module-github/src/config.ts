import { Config } from '@backstage/config';

export type IncidentConfig = {
  labels: string[];
  componentLabelPrefix: string;
  severityLabelPrefix: string;
  environmentLabelPrefix: string;
  /** By `owner/name`, lower-cased. */
  components: Map<string, string>;
};

export type GithubModuleConfig = {
  /** Every secret a signature may be made with; empty when the webhook is not configured. */
  secrets: string[];
  incidents: IncidentConfig;
};

/** Reads `insights.github` (see config.d.ts). */
export function readGithubConfig(config: Config): GithubModuleConfig {
  const c = config.getOptionalConfig('insights.github');
  const secret = c?.getOptionalString('webhook.secret');
  const additional =
    c?.getOptionalStringArray('webhook.additionalSecrets') ?? [];
  const secrets = [...(secret ? [secret] : []), ...additional].filter(
    s => s.trim() !== '',
  );
  const components = new Map<string, string>();
  for (const entry of c?.getOptionalConfigArray('incidents.components') ?? []) {
    components.set(
      entry.getString('repository').toLowerCase(),
      entry.getString('component'),
    );
  }
  return {
    secrets,
    incidents: {
      labels: (
        c?.getOptionalStringArray('incidents.labels') ?? ['incident']
      ).map(l => l.toLowerCase()),
      componentLabelPrefix:
        c?.getOptionalString('incidents.componentLabelPrefix') ?? 'component:',
      severityLabelPrefix:
        c?.getOptionalString('incidents.severityLabelPrefix') ?? 'severity:',
      environmentLabelPrefix:
        c?.getOptionalString('incidents.environmentLabelPrefix') ??
        'environment:',
      components,
    },
  };
}
