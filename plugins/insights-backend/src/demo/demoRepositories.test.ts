import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeKnowledge } from '../ownership/engine/knowledge';
import { filesAtHead, readGitHistory } from '../ownership/gitHistory';
import {
  fastImportStream,
  demoRepositories,
  seedDemoRepositories,
} from './demoRepositories';

/*
 * The demo's repositories, written with git fast-import and read back with git: the same history on
 * every run, the Checkout monorepo shared by its team, the Logistics monolith known by one person.
 */

// git runs as a child process: slow on a busy machine.
jest.setTimeout(60_000);

describe('demo repositories', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'cairn-demo-repos-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('are deterministic, written once, and tell the teams apart', async () => {
    expect(fastImportStream(demoRepositories[0])).toBe(
      fastImportStream(demoRepositories[0]),
    );
    expect(await seedDemoRepositories(root)).toBe(demoRepositories.length);
    expect(await seedDemoRepositories(root)).toBe(0);

    const checkout = join(root, 'github.com/northwind/commerce-checkout');
    const shared = analyzeKnowledge({
      commits: (
        await readGitHistory(checkout, { pathPrefix: 'services/checkout/' })
      ).commits,
      headFiles: await filesAtHead(checkout, 'services/checkout/'),
      pathPrefix: 'services/checkout/',
      current: new Set(
        ['ada.okafor', 'lars.eriksson', 'sofia.marquez', 'jonas.weber'].map(
          n => `${n}@northwind.example`,
        ),
      ),
    });
    expect(shared.truckFactor).toBeGreaterThanOrEqual(2);

    const logistics = join(root, 'github.com/northwind/logistics');
    const { commits } = await readGitHistory(logistics);
    const monolith = analyzeKnowledge({
      commits,
      headFiles: await filesAtHead(logistics),
      current: new Set(
        ['omar.farouk', 'rita.costa'].map(n => `${n}@northwind.example`),
      ),
    });
    expect(monolith.truckFactor).toBe(1);
    expect(monolith.keyPeople).toEqual(['omar.farouk@northwind.example']);
    expect(monolith.departedAuthors).toEqual([
      { author: 'viktor.ivanov@northwind.example', files: expect.any(Number) },
    ]);
  });
});
