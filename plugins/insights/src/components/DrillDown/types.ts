import { MetricsQuery } from '@cairn/plugin-insights-common';

/** What the drill-down tables list: the same entity, environment and range as the numbers above. */
export type DrillDownScope = Required<Pick<MetricsQuery, 'entityRef'>> &
  Pick<MetricsQuery, 'environment' | 'from' | 'to' | 'timezone'> & {
    /** Zone used to show timestamps (the one the numbers were computed in). */
    displayTimezone?: string;
    /** Group and system views list several components: show which one. */
    showComponent?: boolean;
  };
