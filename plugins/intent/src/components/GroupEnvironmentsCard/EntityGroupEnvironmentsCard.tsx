import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Typography } from '@material-ui/core';
import { liveEnvironmentStatuses } from '@cairn/plugin-intent-common';
import { useEnvironmentList } from '../../hooks/useIntent';
import { formatUsd } from '../../format/format';
import { EnvironmentsTable } from '../common/EnvironmentsTable';
import { useIntentLinks } from '../common/useIntentLinks';

const CARD_ROWS = 5;
/** The most the registry answers at once; a team with more sees the total of these and says so. */
const CARD_SCAN_LIMIT = 500;

/** A team's live environments, their cost and expiry, on the group's page. */
export const EntityGroupEnvironmentsCard = () => {
  const { entity } = useEntity();
  const owner = stringifyEntityRef(entity);
  const links = useIntentLinks();
  const list = useEnvironmentList({
    owner,
    status: liveEnvironmentStatuses,
    limit: CARD_SCAN_LIMIT,
  });
  let body: JSX.Element;
  if (list.error) body = <ResponseErrorPanel error={list.error} />;
  else if (list.loading || !list.value) body = <Progress />;
  else if (list.value.items.length === 0) {
    body = (
      <Typography variant="body2">
        No live environments owned by this team. Request one with a Cairn
        template (
        <Link to="/create" underline="always">
          Create
        </Link>
        ); it appears here once registered.
      </Typography>
    );
  } else {
    const { items, totalCount } = list.value;
    const total = items.reduce((sum, e) => sum + e.monthlyCostHighUsd, 0);
    // A card stays short: the costliest few, the rest behind the link to the filtered list.
    const shown = [...items]
      .sort((a, b) => b.monthlyCostHighUsd - a.monthlyCostHighUsd)
      .slice(0, CARD_ROWS);
    body = (
      <>
        <Typography variant="body2" paragraph>
          {items.length < totalCount
            ? `${totalCount} live; the ${
                items.length
              } read here cost up to ${formatUsd(total)} a month at peak.`
            : `${totalCount} live, up to ${formatUsd(total)} a month at peak.`}
        </Typography>
        <EnvironmentsTable
          title={
            shown.length < totalCount
              ? `The ${shown.length} costliest`
              : 'Live environments'
          }
          environments={shown}
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
