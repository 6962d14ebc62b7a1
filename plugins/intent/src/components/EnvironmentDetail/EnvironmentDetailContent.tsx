import { Link, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { Grid, Typography } from '@material-ui/core';
import { EnvironmentDetails } from '@cairn/plugin-intent-common';
import { useEnvironment } from '../../hooks/useIntent';
import { useIntentLinks } from '../common/useIntentLinks';
import { EnvironmentActions } from './EnvironmentActions';
import { FilesCard } from './FilesCard';
import { HistoryCard } from './HistoryCard';
import { PlanCard } from './PlanCard';
import { PolicyReportCard } from './PolicyReportCard';
import { ResourcesCard } from './ResourcesCard';
import { RevisionsCard } from './RevisionsCard';
import { SummaryCard } from './SummaryCard';
import { TeardownPlanCard } from './TeardownPlanCard';

/**
 * The sections of an environment's page, in order. Each is one card; a new kind of information (for
 * instance what a provisioner created and its health) is one more entry here.
 */
function sections(
  environment: EnvironmentDetails,
  now: Date,
): Array<{ key: string; md: 6 | 12; element: JSX.Element }> {
  const list: Array<{ key: string; md: 6 | 12; element: JSX.Element }> = [
    {
      key: 'summary',
      md: 6,
      element: <SummaryCard environment={environment} now={now} />,
    },
    {
      key: 'policies',
      md: 6,
      element: <PolicyReportCard report={environment.policyReport} />,
    },
    {
      key: 'resources',
      md: 12,
      element: (
        <ResourcesCard
          environmentId={environment.id}
          resources={environment.resources ?? []}
        />
      ),
    },
    {
      key: 'plan',
      md: 12,
      element: <PlanCard plan={environment.plan} cost={environment.cost} />,
    },
  ];
  if (environment.teardownPlan) {
    list.push({
      key: 'teardown',
      md: 12,
      element: <TeardownPlanCard plan={environment.teardownPlan} />,
    });
  }
  list.push(
    {
      key: 'files',
      md: 6,
      element: (
        <FilesCard
          environmentId={environment.id}
          files={environment.files}
          bundleSha256={environment.bundleSha256}
        />
      ),
    },
    {
      key: 'history',
      md: 6,
      element: <HistoryCard history={environment.history} />,
    },
    {
      key: 'versions',
      md: 12,
      element: <RevisionsCard environment={environment} />,
    },
  );
  return list;
}

/** One environment: summary, guardrails, resources, plan and cost, teardown plan, files and history. */
export const EnvironmentDetailContent = ({ id }: { id: string }) => {
  const links = useIntentLinks();
  const details = useEnvironment(id);
  const back = <Link to={links.list}>← All environments</Link>;
  if (details.error) {
    return (
      <>
        {back}
        <ResponseErrorPanel error={details.error} />
      </>
    );
  }
  if (!details.value) return <Progress />;
  const environment = details.value;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        {back}
        <Typography variant="h4" component="h2">
          {environment.name} ({environment.environment})
        </Typography>
        {environment.description && (
          <Typography variant="body1" color="textSecondary">
            {environment.description}
          </Typography>
        )}
      </Grid>
      <Grid item xs={12}>
        <EnvironmentActions
          environment={environment}
          onChanged={details.retry}
        />
      </Grid>
      {sections(environment, new Date()).map(s => (
        <Grid item xs={12} md={s.md} key={s.key}>
          {s.element}
        </Grid>
      ))}
    </Grid>
  );
};
