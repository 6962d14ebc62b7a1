import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  SchedulerService,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// The module is tested on the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import insightsPlugin from '@cairn/plugin-insights-backend';
import { createTestDatabases } from '@cairn/test-utils';
import request from 'supertest';
import { deliver, template } from './__testUtils__/github';
import insightsModuleGithub from './index';

/*
 * Ownership without a clone: the default branch's pushed commits (author, files added, modified and
 * removed) are the history of the repository's components. A renamed file arrives as removed and
 * added (push payloads carry no rename pairs), so its history restarts with whoever renamed it; pushes
 * to other branches and merge commits are not counted; a redelivery changes nothing.
 */

jest.setTimeout(120_000);
const databases = createTestDatabases();

const user = (name: string, email: string, login?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: {
    name,
    namespace: 'default',
    ...(login ? { annotations: { 'github.com/user-login': login } } : {}),
  },
  spec: { profile: { email }, memberOf: ['api-team'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/api-team' }],
});

const entities: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'api-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  user('ana', 'ana@example.com'),
  // Pushes with GitHub's no-reply address: matched by login.
  user('bo', 'bo@example.com', 'bo-gh'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'api',
      namespace: 'default',
      annotations: { 'github.com/project-slug': 'acme/api' },
    },
    spec: {
      type: 'service',
      owner: 'group:default/api-team',
      lifecycle: 'production',
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/api-team' }],
  },
];

const sha = (n: number) => n.toString(16).padStart(40, '0');
const base = template('push');
const commit = (
  n: number,
  author: { email: string; username?: string },
  files: { added?: string[]; modified?: string[]; removed?: string[] },
  message = `change ${n}`,
) => ({
  ...(base.commits[0] ?? {}),
  id: sha(n),
  message,
  timestamp: new Date(Date.UTC(2026, 10, 1, n)).toISOString(),
  author: { name: 'dev', ...author },
  added: files.added ?? [],
  modified: files.modified ?? [],
  removed: files.removed ?? [],
});
const push = (
  branch: string,
  before: number,
  commits: Array<ReturnType<typeof commit>>,
) => ({
  ...base,
  ref: `refs/heads/${branch}`,
  before: sha(before),
  after: commits[commits.length - 1].id,
  created: false,
  deleted: false,
  forced: false,
  commits,
  head_commit: null,
  repository: {
    ...base.repository,
    name: 'api',
    full_name: 'acme/api',
    html_url: 'https://github.com/acme/api',
    default_branch: 'main',
  },
});

const ANA = { email: 'ana@example.com' };
const BO = { email: '1234+bo-gh@users.noreply.github.com', username: 'bo-gh' };
const GONE = { email: 'cy@example.com' };

describe.each(databases.eachSupportedId())(
  'ownership from GitHub pushes on %p',
  databaseId => {
    it('reads the pushed commits as the history, without a clone', async () => {
      const scheduler = mockServices.scheduler() as SchedulerService & {
        factory(options: { skipTaskRunOnStartup: boolean }): ServiceFactory;
      };
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          insightsPlugin,
          insightsModuleGithub,
          scheduler.factory({ skipTaskRunOnStartup: true }),
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({ entities }),
          mockServices.rootConfig.factory({
            data: {
              insights: { github: { webhook: { secret: 'test-secret' } } },
            },
          }),
        ],
      });
      const main1 = push('main', 0, [
        commit(1, ANA, { added: ['src/a.ts', 'src/b.ts'] }),
        commit(2, GONE, { added: ['src/old.ts', 'src/gone.ts'] }),
        commit(3, BO, { modified: ['src/a.ts'], added: ['src/c.ts'] }),
      ]);
      const main2 = push('main', 3, [
        // A rename: removed and added, by Bo.
        commit(4, BO, { removed: ['src/old.ts'], added: ['src/renamed.ts'] }),
        commit(5, ANA, { removed: ['src/gone.ts'] }),
        commit(
          6,
          ANA,
          { modified: ['src/a.ts', 'src/b.ts'] },
          'Merge pull request #7 from acme/feature',
        ),
      ]);
      // A feature branch's commit is not the default branch's history.
      const feature = push('feature', 3, [
        commit(9, GONE, { added: ['src/feature.ts'] }),
      ]);
      for (const payload of [main1, main2, feature, main1]) {
        const res = await deliver(server, 'push', payload);
        expect(res.status).toBe(200);
      }
      await scheduler.triggerTask('insights-ownership');

      const res = await request(server)
        .get('/api/insights/v1/ownership')
        .query({ entity: 'component:default/api' })
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.knowledgeProblem).toBeNull();
      expect(res.body.source).toBe('github.com/acme/api (5 pushed commits)');
      // At the end: a.ts (Ana created; Bo changed once), b.ts (Ana), c.ts (Bo), renamed.ts (Bo,
      // its creator now). Ana authors a and b, Bo c and renamed (and a: 3.293+0.164−0.321·ln2 =
      // 3.234 < 3.293, not an author). Removing Ana leaves 2 of 4 files: not fewer than half, so Bo
      // too: truck factor 2. The departed author's files are gone.
      expect(res.body.knowledge).toMatchObject({
        files: 4,
        truckFactor: 2,
        uncoveredFiles: 0,
        departedAuthors: [],
        commits: 5,
        unmatchedAuthors: 1,
      });
    });
  },
);
