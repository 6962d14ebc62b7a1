/*
 * Sends synthetic delivery history to a running insights backend through its public API, in batches,
 * and prints the throughput. For load tests and for filling a portal with large histories.
 *
 *   yarn workspace @cairn/plugin-insights-backend load -- --url http://localhost:7007 \
 *     --token "$TOKEN" --component component:default/checkout-service --deployments 2000
 *
 * The token must be allowed insights.events.create: an external-access token, or a platform team
 * member's token in the demo portal (see the README).
 */
import { parseArgs } from 'node:util';
import { InsightsClient } from '@cairn/plugin-insights-common';
import { syntheticHistory } from './syntheticHistory';

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'http://localhost:7007' },
      token: { type: 'string' },
      component: { type: 'string', default: 'component:default/load-test' },
      deployments: { type: 'string', default: '1000' },
      changes: { type: 'string', default: '5' },
      incidents: { type: 'string', default: '50' },
      days: { type: 'string', default: '90' },
      batch: { type: 'string', default: '1000' },
    },
  });
  if (!values.token) throw new Error('--token is required');
  const client = new InsightsClient({
    discoveryApi: { getBaseUrl: async id => `${values.url}/api/${id}` },
  });
  const events = syntheticHistory({
    component: values.component!,
    to: Date.now(),
    days: Number(values.days),
    deployments: Number(values.deployments),
    changesPerDeployment: Number(values.changes),
    incidents: Number(values.incidents),
  });
  const batch = Number(values.batch);
  const started = performance.now();
  let inserted = 0;
  for (let i = 0; i < events.length; i += batch) {
    const counts = await client.pushEvents(events.slice(i, i + batch), {
      token: values.token,
    });
    inserted += counts.inserted;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${events.length} events (${inserted} new) in ${seconds.toFixed(
      1,
    )} s: ${Math.round(events.length / seconds)} events/s`,
  );
}

main().catch(error => {
  console.error(error.message ?? error);
  process.exit(1);
});
