import { Knex } from 'knex';
import { ComponentIndex } from '../../shared/ComponentIndex';
import { EnvironmentKinds } from '../../shared/EnvironmentKinds';
import { dayOf, DigestKey, refreshDigests } from './changeDigests';
import { changesBuiltAs, deriveChangeFactsFor } from './deriveFacts';
import { Pair } from './types';
import { chunk, toNumber } from '../../shared/sql';

/*
 * Catch-up and retention work over the stored events, run by scheduled tasks (one replica at a time).
 * Each returns the component/environment pairs whose facts must be re-derived.
 */

export async function readState(
  db: Knex,
  key: string,
): Promise<string | undefined> {
  const row = await db('delivery_state').first('value').where('key', key);
  return row?.value;
}

export async function writeState(db: Knex, key: string, value: string) {
  await db('delivery_state').insert({ key, value }).onConflict('key').merge();
}

const pairsOf = (rows: Array<Record<string, any>>): Pair[] =>
  rows
    .filter(r => r.component_ref)
    .map(r => ({ componentRef: r.component_ref!, envKey: r.env_key }));

/** Re-keys environments after the production names changed. */
export async function rekeyEnvironments(
  db: Knex,
  environments: EnvironmentKinds,
): Promise<Pair[]> {
  const affected: Pair[] = [];
  for (const table of ['delivery_deployments', 'delivery_incidents']) {
    const names = await db(table).distinct('environment', 'env_key');
    for (const { environment, env_key } of names) {
      const key = environments.keyOf(environment);
      if (key === env_key) continue;
      affected.push(
        ...pairsOf(
          await db(table)
            .distinct('component_ref', 'env_key')
            .where({ environment, env_key }),
        ),
      );
      await db(table).where({ environment, env_key }).update({ env_key: key });
      affected.push(
        ...pairsOf(
          await db(table)
            .distinct('component_ref', 'env_key')
            .where({ environment }),
        ),
      );
    }
  }
  return affected;
}

/**
 * Attributes events stored without a component, now that the catalog may know their repository's
 * components (a component registered, or a path prefix annotation added after the events arrived).
 */
export async function reattribute(
  db: Knex,
  index: ComponentIndex,
): Promise<Pair[]> {
  const affected: Pair[] = [];
  for (const table of ['delivery_deployments', 'delivery_incidents']) {
    const orphans = await db(table)
      .select('id', 'repository', 'env_key')
      .whereNull('component_ref')
      .whereNotNull('repository');
    for (const row of orphans) {
      const { componentRef } = index.attribute({ repository: row.repository });
      if (!componentRef) continue;
      await db(table)
        .where('id', row.id)
        .update({ component_ref: componentRef });
      affected.push({ componentRef, envKey: row.env_key });
    }
  }
  const attributedChanges = new Set<number>();
  // Pipeline runs: the changes merged as their commits may gain a build stage.
  const runs = await db('delivery_pipeline_runs')
    .select('id', 'repository', 'commit_sha')
    .whereNull('component_ref')
    .whereNotNull('repository');
  const builtCommits = new Set<string>();
  for (const row of runs) {
    const { componentRef } = index.attribute({ repository: row.repository });
    if (!componentRef) continue;
    await db('delivery_pipeline_runs')
      .where('id', row.id)
      .update({ component_ref: componentRef });
    builtCommits.add(row.commit_sha);
  }
  const changes = await db('delivery_changes')
    .select('id', 'repository', 'changed_paths')
    .whereNull('component_ref');
  for (const row of changes) {
    const { componentRef } = index.attribute({
      repository: row.repository,
      changedPaths: row.changed_paths ? JSON.parse(row.changed_paths) : null,
    });
    if (componentRef) {
      await db('delivery_changes')
        .where('id', row.id)
        .update({ component_ref: componentRef });
      attributedChanges.add(toNumber(row.id));
    }
  }
  // A deployment of the component may already have shipped these changes by their merge commit, which
  // counts only for changes attributed to it (docs/DESIGN.md, "Change lead time").
  if (attributedChanges.size || builtCommits.size)
    await db.transaction(async tx => {
      for (const id of await changesBuiltAs(tx, builtCommits))
        attributedChanges.add(id);
      await deriveChangeFactsFor(tx, attributedChanges);
    });
  return affected;
}

/**
 * Deletes events older than the cut-off: deployments by their finish (or arrival, if unfinished),
 * changes by their merge (or arrival), incidents by their detection, pipeline runs by their finish (or
 * arrival). Facts go with them; a change fact keeps the build stage it was derived with. Returns the
 * pairs that lost events and the changes that lost a fact but stay, for rederiveAfterPurge.
 */
export async function purgeBefore(
  db: Knex,
  cutoff: number,
): Promise<{ pairs: Pair[]; deleted: number; changeIds: number[] }> {
  let deleted = 0;
  const pairs: Pair[] = [];
  const digestKeys: DigestKey[] = [];
  // Changes that lose a fact with a deleted deployment but stay (merged after the cutoff, or never
  // merged and listed by a deployment): their facts are derived again from the deployments left.
  const orphaned = new Set<number>();
  const factDays = async (column: string, ids: number[]) =>
    (
      await db('delivery_change_facts')
        .select('change_id', 'component_ref', 'env_key', 'deployed_at')
        .whereIn(column, ids)
    ).map(f => {
      if (column === 'deployment_id') orphaned.add(toNumber(f.change_id));
      return {
        componentRef: f.component_ref as string,
        envKey: f.env_key as string,
        day: dayOf(toNumber(f.deployed_at)),
      };
    });
  const old = (
    q: Knex.QueryBuilder,
    time: string,
  ): Promise<Array<Record<string, any>>> =>
    q.where(function oldEnough() {
      this.where(time, '<', cutoff).orWhere(inner =>
        inner.whereNull(time).where('received_at', '<', cutoff),
      );
    });
  pairs.push(
    ...pairsOf(
      await old(
        db('delivery_deployments').distinct('component_ref', 'env_key'),
        'finished_at',
      ),
    ),
  );
  pairs.push(
    ...pairsOf(
      await old(
        db('delivery_incidents').distinct('component_ref', 'env_key'),
        'detected_at',
      ),
    ),
  );

  const deploymentIds = (
    await old(db('delivery_deployments').select('id'), 'finished_at')
  ).map(r => toNumber(r.id));
  for (const part of chunk(deploymentIds, 500)) {
    // The same deployment as reported by other sources goes with it.
    const family = [
      ...part,
      ...(
        await db('delivery_deployments')
          .select('id')
          .whereIn('merged_into', part)
      ).map(r => toNumber(r.id)),
    ];
    // Children first: SQLite enforces foreign keys only when told to, PostgreSQL always.
    digestKeys.push(...(await factDays('deployment_id', family)));
    await db('delivery_change_facts').whereIn('deployment_id', family).delete();
    await db('delivery_deployment_commits')
      .whereIn('deployment_id', family)
      .delete();
    await db('delivery_deployment_change_refs')
      .whereIn('deployment_id', family)
      .delete();
    await db('delivery_deployments').whereIn('merged_into', part).delete();
    deleted += await db('delivery_deployments').whereIn('id', part).delete();
  }
  const changeIds = (
    await old(db('delivery_changes').select('id'), 'merged_at')
  ).map(r => toNumber(r.id));
  for (const part of chunk(changeIds, 500)) {
    digestKeys.push(...(await factDays('change_id', part)));
    await db('delivery_change_facts').whereIn('change_id', part).delete();
    deleted += await db('delivery_changes').whereIn('id', part).delete();
    for (const id of part) orphaned.delete(id);
  }
  await refreshDigests(db, digestKeys);
  deleted += await db('delivery_incidents')
    .where('detected_at', '<', cutoff)
    .delete();
  const runIds = (
    await old(db('delivery_pipeline_runs').select('id'), 'finished_at')
  ).map(r => toNumber(r.id));
  for (const part of chunk(runIds, 500)) {
    await db('delivery_test_failures').whereIn('run_id', part).delete();
    deleted += await db('delivery_pipeline_runs').whereIn('id', part).delete();
  }
  return { pairs, deleted, changeIds: [...orphaned] };
}
