import { ReactNode } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DrillDownScope } from './types';

/** The page request core-components' Table makes for remote data. */
type TableQuery = { page: number; pageSize: number };

/**
 * The component column of a drill-down table, shown only where the scope spans several components
 * (group and system views); records no component claims read "unattributed".
 */
export function componentColumns<T extends { entityRef: string | null }>(
  scope: DrillDownScope,
): TableColumn<T>[] {
  if (!scope.showComponent) return [];
  return [
    {
      title: 'Component',
      field: 'entityRef',
      render: (record: T) =>
        record.entityRef ? (
          <EntityRefLink entityRef={record.entityRef} defaultKind="component" />
        ) : (
          'unattributed'
        ),
    },
  ];
}

/**
 * One drill-down list: ten rows a page, each page asked of the insights API (`load(limit, offset)`),
 * in a labelled region, after the list's own `controls`. `resetKey` starts again from the first page when the scope or a filter changes.
 */
export function DrillDownTable<T extends object>(props: {
  region: string;
  title: string;
  controls?: ReactNode;
  resetKey: string;
  columns: TableColumn<T>[];
  load: (
    limit: number,
    offset: number,
  ) => Promise<{ items: T[]; totalCount: number }>;
}) {
  const { load } = props;
  return (
    <div role="region" aria-label={props.region}>
      {props.controls}
      <Table<T>
        key={props.resetKey}
        title={props.title}
        columns={props.columns}
        options={{
          // Draggable columns put a focusable handle inside the sort button (nested controls).
          draggable: false,
          search: false,
          paging: true,
          pageSize: 10,
          padding: 'dense',
          sorting: false,
        }}
        data={(query: TableQuery) =>
          load(query.pageSize, query.page * query.pageSize).then(result => ({
            data: result.items,
            page: query.page,
            totalCount: result.totalCount,
          }))
        }
      />
    </div>
  );
}
