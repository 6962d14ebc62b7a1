import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { IngestionHealth } from '@cairn/plugin-insights-common';
import Grid from '@material-ui/core/Grid';
import { InfoCard } from '@backstage/core-components';
import { useState } from 'react';
import { useIngestionHealth } from '../../hooks/useInsights';
import { HealthControls } from './HealthControls';
import {
  DEFAULT_HEALTH_RANGE,
  HEALTH_RANGES,
  HealthRange,
  healthQueryOf,
} from './healthRange';
import { NoEventsYet } from './NoEventsYet';
import { QuietSources } from './QuietSources';
import { SourceHealthCard } from './SourceHealthCard';
import { UnattributedTable } from './UnattributedTable';

/** Nothing ever arrived through any source, and nothing is stored. */
export function hasNoEvents(health: IngestionHealth): boolean {
  return (
    health.sources.every(s => s.lastReceivedAt === null) &&
    health.unattributed.length === 0
  );
}

/**
 * The ingestion health page's content: per source, when events last arrived and were stored, what
 * happened to them over the range and why input was refused or ignored; then the stored events no
 * component claims, with the annotation that would attribute them. Both frontend systems wrap it in
 * their page.
 */
export function IngestionHealthContent() {
  const [view, setView] = useState<{ range: HealthRange; asOf: number }>(
    () => ({ range: DEFAULT_HEALTH_RANGE, asOf: Date.now() }),
  );
  const health = useIngestionHealth(healthQueryOf(view.range, view.asOf));
  const rangeLabel =
    HEALTH_RANGES.find(r => r.value === view.range)?.label ?? '';

  const controls = (
    <HealthControls
      range={view.range}
      onRange={range => setView({ range, asOf: Date.now() })}
      onRefresh={() => setView({ range: view.range, asOf: Date.now() })}
      asOf={view.asOf}
      loading={health.loading}
    />
  );

  let body: JSX.Element;
  if (health.loading && !health.value) {
    body = (
      <Grid item xs={12}>
        <Progress />
      </Grid>
    );
  } else if (health.error || !health.value) {
    body = (
      <Grid item xs={12}>
        {health.error ? <ResponseErrorPanel error={health.error} /> : null}
      </Grid>
    );
  } else if (hasNoEvents(health.value)) {
    body = (
      <Grid item xs={12}>
        <InfoCard title="No events received yet">
          <NoEventsYet
            registered={health.value.sources
              .filter(s => s.registered)
              .map(s => s.source)}
          />
        </InfoCard>
      </Grid>
    );
  } else {
    const h = health.value;
    const active = h.sources.filter(s => s.lastReceivedAt !== null);
    const quiet = h.sources.filter(s => s.lastReceivedAt === null);
    body = (
      <>
        {active.map(source => (
          <Grid item xs={12} key={source.source}>
            <SourceHealthCard
              source={source}
              bucket={h.range.bucket}
              rangeLabel={rangeLabel}
              now={view.asOf}
            />
          </Grid>
        ))}
        {quiet.length > 0 ? (
          <Grid item xs={12}>
            <QuietSources sources={quiet.map(s => s.source)} />
          </Grid>
        ) : null}
        <Grid item xs={12}>
          <UnattributedTable groups={h.unattributed} now={view.asOf} />
        </Grid>
      </>
    );
  }

  return (
    <Grid container spacing={3} aria-busy={health.loading}>
      <Grid item xs={12}>
        {controls}
      </Grid>
      {body}
    </Grid>
  );
}
