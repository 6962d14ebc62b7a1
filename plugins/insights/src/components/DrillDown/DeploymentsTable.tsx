import { TableColumn } from '@backstage/core-components';
import { DeploymentRecord, FailureReason } from '@cairn/plugin-insights-common';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useId, useState } from 'react';
import { useDrillDownLoaders } from '../../hooks/useInsights';
import { formatDateTime, formatDuration } from '../../format/format';
import { EventLink } from '../common/EventLink';
import { Marker } from './Marker';
import { componentColumns, DrillDownTable } from './DrillDownTable';
import { DrillDownScope } from './types';

type Filter = 'all' | 'failed' | 'rework';

/** Why a deployment counts as failed, in words, with inferred links marked as such. */
export function describeFailure(reason: FailureReason): {
  label: string;
  detail: string;
  tone: 'bad' | 'warn';
} {
  switch (reason.kind) {
    case 'result':
      return {
        label: 'failed',
        detail: 'The deployment reported result failure.',
        tone: 'bad',
      };
    case 'fixed':
      return {
        label: `fixed by ${reason.trigger}`,
        detail: `${reason.by.source}: ${reason.by.id} (${
          reason.trigger
        }) repaired it${
          reason.explicit
            ? ', naming it in fixes'
            : '; it named nothing, so it repairs the deployment before it'
        }.`,
        tone: 'bad',
      };
    case 'incident':
    default:
      return {
        label: reason.inferred ? 'incident (inferred)' : 'incident',
        detail: `Linked to incident ${reason.incident.source}: ${
          reason.incident.id
        }${
          reason.inferred
            ? ', inferred: the latest deployment before the incident was detected'
            : ', named by the incident (causedBy)'
        }.`,
        tone: reason.inferred ? 'warn' : 'bad',
      };
  }
}

function recoveryText(d: DeploymentRecord, zone?: string) {
  if (!d.failed) return '–';
  if (d.recoverySeconds === undefined) return 'not recovered yet';
  return `${formatDuration(d.recoverySeconds)} (restored ${formatDateTime(
    d.recoveredAt,
    zone,
  )})`;
}

function automationText(d: DeploymentRecord) {
  if (d.automated === undefined) return '–';
  return d.automated ? 'automated' : 'manual';
}

/**
 * The deployments behind the numbers: result, trigger (rollbacks, hotfixes and reverts marked),
 * why a deployment counts as failed (inferred incident links marked), and its recovery.
 */
export function DeploymentsTable(props: { scope: DrillDownScope }) {
  const { scope } = props;
  const load = useDrillDownLoaders().deployments;
  const [filter, setFilter] = useState<Filter>('all');
  const filterId = useId();
  const zone = scope.displayTimezone;

  const columns: TableColumn<DeploymentRecord>[] = [
    ...componentColumns<DeploymentRecord>(scope),
    {
      title: 'Finished',
      field: 'finishedAt',
      render: d => formatDateTime(d.finishedAt, zone),
    },
    {
      title: 'Deployment',
      field: 'id',
      render: d => (
        <>
          <EventLink event={d} label={d.version ?? d.name ?? d.id} />
          {d.commit ? (
            <Typography variant="caption" component="div" color="textSecondary">
              {d.commit.slice(0, 7)} · {d.source}
              {d.alsoReportedBy.length > 0
                ? ` · also reported by ${d.alsoReportedBy
                    .map(a => a.source)
                    .join(', ')}`
                : ''}
            </Typography>
          ) : null}
        </>
      ),
    },
    { title: 'Environment', field: 'environment' },
    {
      title: 'Result',
      field: 'result',
      render: d => (
        <>
          {d.result === 'failure' ? (
            <Marker label="failure" tone="bad" />
          ) : (
            d.result ?? 'in progress'
          )}
          {d.trigger !== 'normal' ? (
            <Marker
              label={d.trigger}
              tone="warn"
              title={`Triggered as a ${d.trigger}: counts as rework`}
            />
          ) : null}
          {d.rework && d.trigger === 'normal' ? (
            <Marker label="fixes an incident" tone="warn" />
          ) : null}
        </>
      ),
    },
    {
      title: 'Counts as failed',
      field: 'failed',
      render: d =>
        d.failed ? (
          <>
            {d.failureReasons.map((r, i) => {
              const f = describeFailure(r);
              return (
                <Marker
                  key={i}
                  label={f.label}
                  tone={f.tone}
                  title={f.detail}
                />
              );
            })}
            <Typography variant="caption" component="div">
              {d.failureReasons.map(r => describeFailure(r).detail).join(' ')}
            </Typography>
          </>
        ) : (
          'no'
        ),
    },
    {
      title: 'Recovery',
      field: 'recoverySeconds',
      render: d => recoveryText(d, zone),
    },
    {
      title: 'How',
      field: 'automated',
      render: d => automationText(d),
    },
    { title: 'Changes', field: 'changes', type: 'numeric' },
  ];

  return (
    <DrillDownTable<DeploymentRecord>
      region="Deployments behind the numbers"
      title="Deployments"
      resetKey={`${JSON.stringify(scope)}-${filter}`}
      controls={
        <FormControl size="small" variant="outlined" margin="dense">
          <InputLabel id={filterId}>Show</InputLabel>
          <Select
            // The value belongs in the accessible name (MUI names the select by its label alone).
            SelectDisplayProps={{ id: `${filterId}-value` }}
            labelId={filterId}
            label="Show"
            value={filter}
            onChange={e => setFilter(e.target.value as Filter)}
          >
            <MenuItem value="all">All deployments</MenuItem>
            <MenuItem value="failed">Failed deployments</MenuItem>
            <MenuItem value="rework">
              Rework (rollbacks, hotfixes, reverts)
            </MenuItem>
          </Select>
        </FormControl>
      }
      columns={columns}
      load={(limit, offset) =>
        load({
          ...scope,
          limit,
          offset,
          filter: filter === 'all' ? undefined : filter,
        })
      }
    />
  );
}
