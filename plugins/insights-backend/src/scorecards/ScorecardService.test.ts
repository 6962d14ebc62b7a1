import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@cairn/test-utils';
import { Knex } from 'knex';
import { insightsDatabase } from '../shared/database';
import { EntityForScorecards } from './engine/evaluateScorecard';
import { FactDefinitions } from './engine/scorecardRules';
import { ScorecardService } from './ScorecardService';
import { DatabaseScorecardStore } from './store/ScorecardStore';

/*
 * Rebuilding history (the demo's months of scorecard history) on SQLite and PostgreSQL: each week is
 * evaluated with the facts as of that week, the history holds the changes in order, an exemption or
 * an external result counts only from when it existed, and a store with older history is left alone.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();
const DAY = 86_400_000;
const NOW = Date.parse('2026-12-01T12:00:00Z');
// The team started deploying 60 days ago.
const STARTED = NOW - 60 * DAY;

const RULES = `apiVersion: cairn.dev/v1alpha1
kind: Scorecard
metadata: { name: readiness }
spec:
  levels: [bronze]
  checks:
    - id: deploys
      title: Deploys
      level: bronze
      expression: dora.deployments > 0
    - id: scan
      title: Scanned
      level: bronze
      external: true
`;

const definitions: FactDefinitions = {
  dora: { facts: { deployments: { type: 'int', description: '' } } },
};

const entity: EntityForScorecards = {
  entityRef: 'component:default/api',
  kind: 'Component',
  tags: [],
  stage: '1-10',
};

describe.each(databases.eachSupportedId())(
  'scorecard history rebuild on %p',
  databaseId => {
    let db: Knex;
    let store: DatabaseScorecardStore;
    let service: ScorecardService;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      db = await insightsDatabase({ getClient: async () => knex });
      store = new DatabaseScorecardStore(db);
      service = new ScorecardService({
        store,
        definitions: () => definitions,
        factsFor: async (refs, now) =>
          new Map(
            refs.map(ref => [
              ref,
              { dora: { deployments: now.getTime() >= STARTED ? 4 : 0 } },
            ]),
          ),
        entities: async () => [entity],
        sources: async () => [
          { source: 'rules.yaml', read: async () => RULES },
        ],
        logger: mockServices.logger.mock(),
        now: () => NOW,
      });
    });

    it('evaluates week by week with the facts of each week, once', async () => {
      // Something evaluated today (the demo's first run): rebuilt from the start.
      await service.evaluate();
      await service.reportExternal(
        {
          results: [
            {
              entity: entity.entityRef,
              scorecard: 'readiness',
              check: 'scan',
              state: 'fail',
              reportedAt: new Date(NOW - 10 * DAY).toISOString(),
            },
          ],
        },
        'scanner',
      );
      await store.addExemption({
        entityRef: entity.entityRef,
        scorecard: 'readiness',
        checkId: 'scan',
        reason: 'agreed',
        expiresAt: NOW + 30 * DAY,
        grantedBy: 'user:default/platform',
        grantedAt: NOW - 3 * DAY,
      });

      const evaluations = await service.rebuildHistory({
        from: NOW - 180 * DAY,
        stepDays: 7,
      });
      // 26 weeks back from 180 days, and today.
      expect(evaluations).toBe(27);
      const history = (await store.history(entity.entityRef, 100)).reverse();
      const day = (t: number) => Math.round((NOW - t) / DAY);
      expect(history.map(c => [c.checkId, c.state, day(c.changedAt)])).toEqual([
        ['deploys', 'fail', 180],
        ['scan', 'not-reported', 180],
        // The first week on or after the team's first deployment.
        ['deploys', 'pass', 54],
        // The scanner's result from 10 days ago, in the first week after it.
        ['scan', 'fail', 5],
        // The exemption granted 3 days ago, from today.
        ['scan', 'exempt', 0],
      ]);
      const levels = await db('scorecard_level_changes')
        .orderBy('changed_at')
        .select('level', 'changed_at');
      expect(
        levels.map(l => [l.level ?? null, day(Number(l.changed_at))]),
      ).toEqual([
        [null, 180],
        ['bronze', 0],
      ]);
      // History older than a day exists now: nothing is rebuilt again.
      expect(
        await service.rebuildHistory({ from: NOW - 180 * DAY, stepDays: 7 }),
      ).toBe(0);
      expect(await store.history(entity.entityRef, 100)).toHaveLength(5);
    });
  },
);
