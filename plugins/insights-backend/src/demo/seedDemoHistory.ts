import { LoggerService } from '@backstage/backend-plugin-api';
import { emptyIngestCounts, IngestCounts } from '@cairn/plugin-insights-common';
import { IngestionService } from '../ingest';
import { generateDemoHistory } from './generateDemoHistory';

const DAY = 86_400_000;

/** The ingestion health source the demo history is counted under. */
export const DEMO_SOURCE = 'demo';

/**
 * Feeds the example organisation's history through the real ingestion path, in batches. Runs at start
 * and every few hours: days already stored replay as unchanged, and only new days are added.
 */
export async function seedDemoHistory(options: {
  ingestion: IngestionService;
  logger: LoggerService;
  days?: number;
  now?: number;
}): Promise<IngestCounts> {
  const to = options.now ?? Date.now();
  const events = generateDemoHistory({
    from: to - (options.days ?? 180) * DAY,
    to,
  });
  const total = emptyIngestCounts();
  for (let i = 0; i < events.length; i += 1000) {
    const counts = await options.ingestion.ingest(events.slice(i, i + 1000), {
      actor: 'demo history',
      source: DEMO_SOURCE,
    });
    for (const key of Object.keys(total) as Array<
      Exclude<keyof IngestCounts, 'outOfOrder'>
    >)
      total[key] += counts[key];
  }
  options.logger.info(
    `Demo history: ${events.length} events, ${total.inserted} new, ${total.updated} updated, ${total.unchanged} already stored`,
  );
  return total;
}
