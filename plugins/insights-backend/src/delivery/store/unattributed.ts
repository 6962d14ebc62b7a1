import { Knex } from 'knex';
import { UnattributedGroup } from './DeliveryStore';
import { toNumber } from '../../shared/sql';
import { TABLES } from './tables';

/** Stored events without a component, by type, source and repository, with the latest ids of each. */
export async function unattributedGroups(
  db: Knex,
  options: { groupsPerType: number },
): Promise<UnattributedGroup[]> {
  const groups: UnattributedGroup[] = [];
  for (const type of [
    'deployment',
    'change',
    'incident',
    'pipelineRun',
  ] as const) {
    const table = TABLES[type];
    const rows: Array<Record<string, any>> = await db(table)
      .select('source', 'repository')
      .count({ count: '*' })
      .max({ last: 'received_at' })
      .whereNull('component_ref')
      .groupBy('source', 'repository')
      .orderBy([{ column: 'count', order: 'desc' }, { column: 'source' }])
      .limit(options.groupsPerType);
    for (const row of rows) {
      const repository: string | null = row.repository ?? null;
      const examples = await db(table)
        .select('external_id')
        .whereNull('component_ref')
        .where('source', row.source)
        .where(q =>
          repository === null
            ? q.whereNull('repository')
            : q.where('repository', repository),
        )
        .orderBy([
          { column: 'received_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(3);
      groups.push({
        type,
        source: row.source,
        repository,
        count: toNumber(row.count),
        lastReceivedAt: toNumber(row.last),
        examples: examples.map(e => e.external_id),
      });
    }
  }
  return groups;
}
