import { ReactNode, useState } from 'react';
import { TableColumn } from '@backstage/core-components';
import { errorApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DrillDownScope } from './types';
import { DataTable } from '../common/ReadableTable';

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

/** The most rows a CSV download asks for (500 a request). */
const CSV_LIMIT = 20_000;

/** One CSV field: quoted when it holds a comma, quote or line break; formula starts defused. */
function csvField(value: unknown): string {
  let text = '';
  if (typeof value === 'object' && value !== null) text = JSON.stringify(value);
  else if (value !== null && value !== undefined) text = String(value);
  // A spreadsheet would run a text starting "=..." as a formula (numbers such as -5 stay numbers).
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The rows as CSV: one column per table column with a field (its raw value: ISO times, ids, seconds),
 * and the record's link when it has one.
 */
export function toCsv<T extends object>(
  columns: TableColumn<T>[],
  rows: T[],
): string {
  const fields = columns.filter(c => typeof c.field === 'string');
  const withUrl = rows.some(r => 'url' in r);
  const header = [
    ...fields.map(c => (typeof c.title === 'string' ? c.title : c.field)),
    ...(withUrl ? ['URL'] : []),
  ];
  const lines = [
    header,
    ...rows.map(row => {
      const record = row as Record<string, unknown>;
      return [
        ...fields.map(c => record[c.field as string]),
        ...(withUrl ? [record.url] : []),
      ];
    }),
  ];
  return `${lines
    .map(cells => cells.map(csvField).join(','))
    .join('\r\n')}\r\n`;
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
  const errorApi = useApi(errorApiRef);
  const [exporting, setExporting] = useState(false);

  const download = async () => {
    setExporting(true);
    try {
      const rows: T[] = [];
      for (let total = CSV_LIMIT; rows.length < Math.min(total, CSV_LIMIT); ) {
        const page = await load(500, rows.length);
        total = page.totalCount;
        if (page.items.length === 0) break;
        rows.push(...page.items);
      }
      const link = document.createElement('a');
      link.href = URL.createObjectURL(
        new Blob([toCsv(props.columns, rows)], { type: 'text/csv' }),
      );
      link.download = `${props.region.toLowerCase().replace(/\W+/g, '-')}.csv`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      errorApi.post(error as Error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <div role="region" aria-label={props.region}>
      {props.controls}
      <Button
        size="small"
        startIcon={<GetAppIcon />}
        onClick={download}
        disabled={exporting}
      >
        {exporting ? 'Preparing CSV…' : 'Download CSV'}
      </Button>
      <DataTable<T>
        key={props.resetKey}
        title={props.title}
        columns={props.columns}
        options={{
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
