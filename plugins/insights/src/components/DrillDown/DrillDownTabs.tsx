import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Paper from '@material-ui/core/Paper';
import { useState } from 'react';
import { ChangesTable } from './ChangesTable';
import { DeploymentsTable } from './DeploymentsTable';
import { IncidentsTable } from './IncidentsTable';
import { DrillDownScope } from './types';

const TABS = ['Deployments', 'Changes', 'Incidents'] as const;

/** The records behind the numbers, one tab each; the same scope as the metrics shown above. */
export function DrillDownTabs(props: { scope: DrillDownScope }) {
  const [tab, setTab] = useState(0);
  return (
    <Paper variant="outlined">
      <Tabs
        value={tab}
        onChange={(_, value) => setTab(value)}
        indicatorColor="primary"
        aria-label="Records behind the numbers"
      >
        {TABS.map(t => (
          <Tab key={t} label={t} />
        ))}
      </Tabs>
      {tab === 0 ? <DeploymentsTable scope={props.scope} /> : null}
      {tab === 1 ? <ChangesTable scope={props.scope} /> : null}
      {tab === 2 ? <IncidentsTable scope={props.scope} /> : null}
    </Paper>
  );
}
