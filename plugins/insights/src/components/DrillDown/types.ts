import { MetricsQuery } from '@cairn/plugin-insights-common';

/** What the drill-down tables list: the same entity, environment and range as the numbers above. */
export type DrillDownScope = Required<Pick<MetricsQuery, 'entityRef'>> &
  Pick<MetricsQuery, 'environment' | 'from' | 'to' | 'timezone'> & {
    /** Zone used to show timestamps (the one the numbers were computed in). */
    displayTimezone?: string;
    /** Group and system views list several components: show which one. */
    showComponent?: boolean;
  };

/** The page request core-components' Table makes for remote data. */
export type TableQuery = { page: number; pageSize: number };

export function pageOf<T>(
  query: TableQuery,
  load: (
    limit: number,
    offset: number,
  ) => Promise<{ items: T[]; totalCount: number }>,
) {
  return load(query.pageSize, query.page * query.pageSize).then(result => ({
    data: result.items,
    page: query.page,
    totalCount: result.totalCount,
  }));
}
