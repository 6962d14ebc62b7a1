import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../shared/seededRandom';

/*
 * The demo's git repositories, so the ownership card has history to read: generated once into the
 * folder the demo's `insights.ownership.history.cloneUrl` points at, as bare repositories written with
 * `git fast-import` (deterministic: the same commits, authors and dates on every machine). The Checkout
 * team shares its monorepo; the Logistics monolith is known by one person, with a folder only a
 * departed developer wrote; the other teams' repositories are small and shared.
 */

type Area = {
  path: string;
  /** Authors and how often each one changes this area. */
  authors: Array<[email: string, weight: number]>;
  files: number;
};

type DemoRepository = { repository: string; commits: number; areas: Area[] };

const at = (name: string) => `${name}@northwind.example`;

export const demoRepositories: DemoRepository[] = [
  {
    repository: 'github.com/northwind/commerce-checkout',
    commits: 240,
    areas: [
      'services/checkout/',
      'services/cart/',
      'services/payments/',
      'web/checkout/',
    ].map(path => ({
      path,
      files: 12,
      authors: [
        [at('ada.okafor'), 3],
        [at('lars.eriksson'), 3],
        [at('sofia.marquez'), 2],
        [at('jonas.weber'), 2],
      ],
    })),
  },
  {
    repository: 'github.com/northwind/logistics',
    commits: 220,
    areas: [
      {
        path: 'shipping/',
        files: 30,
        authors: [
          [at('omar.farouk'), 12],
          [at('rita.costa'), 1],
        ],
      },
      {
        path: 'inventory/',
        files: 24,
        authors: [
          [at('omar.farouk'), 10],
          [at('rita.costa'), 2],
        ],
      },
      // Written by someone who has left (no catalog user).
      {
        path: 'inventory/legacy/',
        files: 8,
        authors: [[at('viktor.ivanov'), 1]],
      },
    ],
  },
  ...[
    'storefront-web',
    'product-catalog',
    'search-service',
    'recommendations',
  ].map(name => ({
    repository: `github.com/northwind/${name}`,
    commits: 80,
    areas: [
      {
        path: 'src/',
        files: 16,
        authors: [
          [at('nadia.haddad'), 2],
          [at('kenji.sato'), 2],
          [at('emma.larsen'), 1],
        ] as Array<[string, number]>,
      },
    ],
  })),
  ...['platform-gateway', 'deploy-bot'].map(name => ({
    repository: `github.com/northwind/${name}`,
    commits: 60,
    areas: [
      {
        path: 'src/',
        files: 12,
        authors: [
          [at('priya.raman'), 2],
          [at('tomas.novak'), 1],
          [at('mei.chen'), 1],
        ] as Array<[string, number]>,
      },
    ],
  })),
  {
    repository: 'github.com/northwind/warehouse-worker',
    commits: 50,
    areas: [
      {
        path: 'src/',
        files: 10,
        authors: [
          [at('rita.costa'), 3],
          [at('omar.farouk'), 1],
        ],
      },
    ],
  },
];

function pick<T>(items: Array<[T, number]>, r: number): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = r * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1][0];
}

/** The fast-import stream of one repository's history. */
export function fastImportStream(repo: DemoRepository): string {
  const next = mulberry32(repo.repository.length * 7919 + repo.commits);
  const start = Date.parse('2025-09-01T09:00:00Z') / 1000;
  const existing = new Set<string>();
  const parts: string[] = [];
  // A data block ends at its length; the joining newline is its optional LF (a blank line would end the commit).
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}`;
  for (let i = 0; i < repo.commits; i++) {
    const area = pick(
      repo.areas.map(a => [a, a.files] as [Area, number]),
      next(),
    );
    const author = pick(area.authors, next());
    const file = `${area.path}module${Math.floor(next() * area.files)}.ts`;
    const when = start + i * 9 * 3600;
    const name = author.split('@')[0];
    const lines = [
      `commit refs/heads/main`,
      `mark :${i + 1}`,
      `author ${name} <${author}> ${when} +0000`,
      `committer ${name} <${author}> ${when} +0000`,
      data(`${existing.has(file) ? 'Change' : 'Add'} ${file}\n`),
      ...(i > 0 ? [`from :${i}`] : []),
      `M 100644 inline ${file}`,
      data(`// ${file}\nexport const version = ${i};\n`),
    ];
    existing.add(file);
    parts.push(lines.join('\n'));
  }
  return `${parts.join('\n')}\n`;
}

function git(args: string[], cwd: string, input?: string) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', chunk => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve()
        : reject(new Error(`git ${args[0]} failed: ${stderr.trim()}`)),
    );
    // A git that exits before reading all its input (it failed) closes the pipe: the write's EPIPE
    // is not the error to report (git's exit code and message are, above), and unhandled it would
    // be thrown out of the process.
    child.stdin.on('error', error => {
      stderr += ` (${error.message} writing its input)`;
    });
    child.stdin.end(input ?? '');
  });
}

/**
 * Writes the demo repositories under `root` (`root/<host>/<owner>/<name>`, bare), those not there yet.
 * Answers how many were written.
 */
export async function seedDemoRepositories(root: string): Promise<number> {
  let written = 0;
  for (const repo of demoRepositories) {
    const dir = join(root, repo.repository);
    if (existsSync(join(dir, 'HEAD'))) continue;
    mkdirSync(dir, { recursive: true });
    await git(
      ['init', '--bare', '--quiet', '--initial-branch=main', dir],
      root,
    );
    await git(['fast-import', '--quiet'], dir, fastImportStream(repo));
    written++;
  }
  return written;
}
