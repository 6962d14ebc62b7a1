import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { liveEnvironmentStatuses } from '@cairn/plugin-intent-common';
import useAsync from 'react-use/esm/useAsync';
import { intentApiRef } from '../../api';
import { formatUsd } from '../../format/format';
import { EnvironmentsTable } from '../common/EnvironmentsTable';
import { useIntentLinks } from '../common/useIntentLinks';

/** A team's live environments, their cost and expiry, on the group's page. */
export const EntityGroupEnvironmentsCard = () => {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity);
  const api = useApi(intentApiRef);
  const links = useIntentLinks();
  const list = useAsync(
    () => api.listEnvironments({ owner, status: liveEnvironmentStatuses }),
    [api, owner],
  );
  let body: JSX.Element;
  if (list.error) body = <ResponseErrorPanel error={list.error} />;
  else if (list.loading || !list.value) body = <Progress />;
  else if (list.value.items.length === 0) {
    body = (
      <Typography variant="body2">
        No live environments owned by this team. Request one with a Cairn
        template (<Link to="/create">Create</Link>); it appears here once
        registered.
      </Typography>
    );
  } else {
    const total = list.value.items.reduce(
      (sum, e) => sum + e.monthlyCostHighUsd,
      0,
    );
    body = (
      <>
        <Typography variant="body2" paragraph>
          {list.value.totalCount} live, up to {formatUsd(total)} a month at
          peak.
        </Typography>
        <EnvironmentsTable
          title="Live environments"
          environments={list.value.items}
          showOwner={false}
        />
      </>
    );
  }
  return (
    <InfoCard
      title="Environments"
      deepLink={{ title: 'All environments', link: links.listForOwner(owner) }}
    >
      {body}
    </InfoCard>
  );
};
