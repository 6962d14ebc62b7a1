import { useState } from 'react';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { Box, Typography } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { intentApiRef } from '../../api';
import { EnvironmentsTable } from '../common/EnvironmentsTable';
import { NoEnvironmentsYet } from '../common/NoEnvironmentsYet';
import {
  defaultFilters,
  EnvironmentFilters,
  Filters,
} from './EnvironmentFilters';
import { filtersToQuery } from './filtersToQuery';

/**
 * Every environment the registry knows, filtered by owner, status, kind and expiry. Live environments
 * by default; `?owner=` (from a team's card) preselects the owner.
 */
export const EnvironmentsListContent = () => {
  const api = useApi(intentApiRef);
  const [searchParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => ({
    ...defaultFilters,
    owner: searchParams.get('owner') ?? '',
  }));
  const list = useAsync(
    () => api.listEnvironments(filtersToQuery(filters, new Date())),
    [api, filters],
  );
  // Only the status narrows the list: an empty answer means there is nothing to show yet.
  const statusOnly =
    filters.owner === '' &&
    filters.kind === 'all' &&
    filters.expiring === 'any' &&
    (filters.status === 'all' || filters.status === 'live');

  let body: JSX.Element;
  if (list.error) {
    body = <ResponseErrorPanel error={list.error} />;
  } else if (list.loading || !list.value) {
    body = <Progress />;
  } else if (list.value.totalCount === 0 && statusOnly) {
    body = <NoEnvironmentsYet live={filters.status === 'live'} />;
  } else {
    const { items, totalCount } = list.value;
    body = (
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
