import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import useDebounce from 'react-use/esm/useDebounce';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Box, Button, TablePagination, Typography } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import { intentApiRef } from '../../api';
import { useEnvironmentList } from '../../hooks/useIntent';
import { EnvironmentsTable } from '../common/EnvironmentsTable';
import { NoEnvironmentsYet } from '../common/NoEnvironmentsYet';
import {
  EnvironmentFilters,
  Filters,
  filtersFromSearch,
  filtersToSearch,
} from './EnvironmentFilters';
import { filtersToQuery } from './filtersToQuery';

/** Rows per page; the registry pages too (limit and offset), so a large registry is never loaded whole. */
export const ENVIRONMENTS_PAGE_SIZE = 50;

/**
 * Every environment the registry knows, filtered by owner, status, kind and expiry. Live environments
 * by default; the filters live in the address (`?owner=` from a team's card, `?status=expired`, ...).
 */
export const EnvironmentsListContent = () => {
  const api = useApi(intentApiRef);
  const [searchParams, setSearchParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() =>
    filtersFromSearch(searchParams),
  );
  // The owner is typed: ask the registry once typing pauses, not on every keystroke.
  const [query, setQuery] = useState(filters);
  const [page, setPage] = useState(0);
  useDebounce(
    () => {
      setQuery(filters);
      setPage(0);
    },
    300,
    [filters],
  );
  // The address follows the filters once they are asked for (replacing, so Back leaves the page).
  const search = new URLSearchParams(filtersToSearch(query)).toString();
  const current = searchParams.toString();
  useEffect(() => {
    if (search !== current) setSearchParams(search, { replace: true });
    // Only when the filters change: the address changing (by this) must not set it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search]);
  // The expiry filter is relative to when the query was set, so that re-renders ask for the same page.
  const listQuery = useMemo(() => filtersToQuery(query, new Date()), [query]);
  const list = useEnvironmentList({
    ...listQuery,
    limit: ENVIRONMENTS_PAGE_SIZE,
    offset: page * ENVIRONMENTS_PAGE_SIZE,
  });
  // Only the status narrows the list: an empty answer means there is nothing to show yet.
  const statusOnly =
    query.owner === '' &&
    query.kind === 'all' &&
    query.expiring === 'any' &&
    (query.status === 'all' || query.status === 'live');

  // No live environment: are there ended ones to show instead of the installation notes?
  const liveEmpty =
    statusOnly && query.status === 'live' && list.value?.totalCount === 0;
  const ended = useAsync(
    async () =>
      liveEmpty
        ? (await api.listEnvironments({ limit: 1 })).totalCount
        : undefined,
    [api, liveEmpty],
  );

  let body: JSX.Element;
  if (list.error) {
    body = <ResponseErrorPanel error={list.error} />;
  } else if (!list.value) {
    body = <Progress />;
  } else if (liveEmpty && ended.loading) {
    body = <Progress />;
  } else if (liveEmpty && ended.value) {
    body = (
      <Box padding={2} role="status">
        <Typography paragraph>
          No live environments: the {ended.value} registered here have all
          ended.
        </Typography>
        <Button
          variant="outlined"
          onClick={() => setFilters({ ...filters, status: 'all' })}
        >
          Show all {ended.value}
        </Button>
      </Box>
    );
  } else if (list.value.totalCount === 0 && statusOnly) {
    body = <NoEnvironmentsYet live={query.status === 'live'} />;
  } else {
    const { items, totalCount } = list.value;
    body = (
      <>
        <EnvironmentsTable
          title={`Environments (${totalCount})`}
          environments={items}
          emptyContent={
            <Box padding={2}>
              <Typography>
                No environments match these filters. Try another status, kind or
                owner.
              </Typography>
            </Box>
          }
        />
        {totalCount > ENVIRONMENTS_PAGE_SIZE && (
          <TablePagination
            component="div"
            count={totalCount}
            page={page}
            rowsPerPage={ENVIRONMENTS_PAGE_SIZE}
            rowsPerPageOptions={[]}
            onPageChange={(_event, next) => setPage(next)}
          />
        )}
      </>
    );
  }
  return (
    <>
      <Box marginBottom={2}>
        <EnvironmentFilters filters={filters} onChange={setFilters} />
      </Box>
      {body}
    </>
  );
};
