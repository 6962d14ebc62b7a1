import { createHash } from 'node:crypto';
import { DeliveryEventInput, isoTime } from '@cairn/plugin-insights-common';
import { mulberry32 } from '../shared/seededRandom';

/*
 * Deterministic example history for the demo portal's components: the same component and day always
 * produce the same events, so regenerating a window is a replay (nothing changes) and each start of
 * the portal only adds the days that passed. Profiles differ per team, from an elite team deploying
 * small changes many times a day to a struggling one with a weekly release train, slow reviews,
 * rollbacks, hotfixes and incidents.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type DemoProfile = {
  /** Deployments on a weekday; weekends get a tenth. */
  deploysPerWeekday: number;
  /** Deploy only on these weekdays (1 = Monday), e.g. a weekly release train. */
  releaseDays?: number[];
  changesPerDeploy: [number, number];
  /** Hours: [min, max] for each stage. */
  coding: [number, number];
  pickup: [number, number];
  review: [number, number];
  waitForDeploy: [number, number];
  /** Share of changes merged without a review. */
  unreviewed: number;
  failureRate: number;
  rollbackRate: number;
  /** Incidents per 30 days, and how long they take to resolve (hours). */
  incidentsPerMonth: number;
  resolveHours: [number, number];
  manualShare: number;
  /** CI: minutes a build waits for a runner and runs; the tests that flake, with how often. */
  ci: {
    queueMinutes: [number, number];
    buildMinutes: [number, number];
    tests: number;
    flaky: Array<{
      suite: string;
      name: string;
      rate: number;
      message: string;
    }>;
  };
};

export const demoProfiles: Record<
  'elite' | 'high' | 'medium' | 'struggling',
  DemoProfile
> = {
  elite: {
    deploysPerWeekday: 6,
    changesPerDeploy: [1, 2],
    coding: [1, 6],
    pickup: [0.2, 1.5],
    review: [0.3, 2],
    waitForDeploy: [0.1, 0.6],
    unreviewed: 0.02,
    failureRate: 0.02,
    rollbackRate: 0.02,
    incidentsPerMonth: 1,
    resolveHours: [0.2, 0.8],
    manualShare: 0,
    ci: {
      queueMinutes: [0.2, 1.5],
      buildMinutes: [6, 10],
      tests: 840,
      flaky: [],
    },
  },
  high: {
    deploysPerWeekday: 0.8,
    changesPerDeploy: [1, 4],
    coding: [6, 36],
    pickup: [2, 8],
    review: [2, 12],
    waitForDeploy: [2, 20],
    unreviewed: 0.05,
    failureRate: 0.05,
    rollbackRate: 0.04,
    incidentsPerMonth: 2,
    resolveHours: [1, 8],
    manualShare: 0.05,
    ci: {
      queueMinutes: [0.5, 3],
      buildMinutes: [12, 18],
      tests: 1200,
      flaky: [],
    },
  },
  medium: {
    deploysPerWeekday: 0.6,
    changesPerDeploy: [2, 5],
    coding: [12, 72],
    pickup: [4, 24],
    review: [4, 24],
    waitForDeploy: [12, 72],
    unreviewed: 0.1,
    failureRate: 0.08,
    rollbackRate: 0.05,
    incidentsPerMonth: 1.5,
    resolveHours: [2, 20],
    manualShare: 0.3,
    ci: { queueMinutes: [1, 6], buildMinutes: [20, 30], tests: 600, flaky: [] },
  },
  struggling: {
    deploysPerWeekday: 1,
    releaseDays: [4],
    changesPerDeploy: [6, 14],
    coding: [24, 120],
    // Most changes wait for one reviewer (the Logistics team's Omar): pickup is the bottleneck.
    pickup: [48, 168],
    review: [12, 72],
    waitForDeploy: [24, 144],
    unreviewed: 0.2,
    failureRate: 0.25,
    rollbackRate: 0.2,
    incidentsPerMonth: 4,
    resolveHours: [4, 72],
    manualShare: 0.7,
    // 40-minute builds on shared runners, and two end-to-end tests that fail now and then.
    ci: {
      queueMinutes: [2, 15],
      buildMinutes: [34, 46],
      tests: 2400,
      flaky: [
        {
          suite: 'ShipmentFlowIT',
          name: 'books a courier for an express order',
          rate: 0.12,
          message: 'Timed out after 60 s waiting for the carrier sandbox',
        },
        {
          suite: 'StockSyncIT',
          name: 'reconciles reserved stock after a cancelled order',
          rate: 0.07,
          message: 'Expected 4 reserved items, found 5',
        },
      ],
    },
  },
};

export type DemoComponent = {
  /** Entity ref, e.g. component:default/checkout-service. */
  entityRef: string;
  repository: string;
  /** For monorepo components: the folder their changes touch. */
  pathPrefix?: string;
  profile: keyof typeof demoProfiles;
  environments: string[];
  /**
   * Who gives first reviews (e-mail addresses of the team's catalog users): spread evenly, or, with
   * `top`, mostly one person who is away one week in four, when the others pick up more slowly.
   */
  reviewers: { people: string[]; top?: string };
};

const person = (name: string) => `${name}@northwind.example`;
const CHECKOUT = [
  'ada.okafor',
  'lars.eriksson',
  'sofia.marquez',
  'jonas.weber',
];
const STOREFRONT = ['nadia.haddad', 'kenji.sato', 'emma.larsen'];
const PLATFORM = ['priya.raman', 'tomas.novak', 'mei.chen'];

/**
 * Where the demo's records link to (drill-down rows link to the event's `url`): hosts under the
 * reserved `.example` domain, so the links show what an adopter's data gives without pointing anywhere.
 */
const DEMO_LINKS = {
  git: 'https://git.northwind.example',
  ci: 'https://ci.northwind.example',
  incidents: 'https://incidents.northwind.example',
};
/** Logistics: Omar gives most first reviews; while he is away Rita picks up, later. */
const LOGISTICS = {
  people: [person('rita.costa')],
  top: person('omar.farouk'),
};
/** How much longer changes wait for pickup while the top reviewer is away. */
const AWAY_PICKUP_FACTOR = 1.8;

/** The example organisation's components (examples/entities) and how each team works. */
export const demoComponents: DemoComponent[] = [
  ...[
    'checkout-service',
    'cart-service',
    'payment-gateway',
    'checkout-web',
  ].map((name, i) => ({
    entityRef: `component:default/${name}`,
    repository: 'github.com/northwind/commerce-checkout',
    pathPrefix: [
      'services/checkout/',
      'services/cart/',
      'services/payments/',
      'web/checkout/',
    ][i],
    profile: 'elite' as const,
    environments: i === 0 ? ['production', 'staging'] : ['production'],
    reviewers: { people: CHECKOUT.map(person) },
  })),
  ...['storefront-web', 'product-catalog', 'search-service'].map(name => ({
    entityRef: `component:default/${name}`,
    repository: `github.com/northwind/${name}`,
    profile: 'high' as const,
    environments: ['production'],
    reviewers: { people: STOREFRONT.map(person) },
  })),
  // Experimental: deploys to staging only, so its production card shows the empty state.
  {
    entityRef: 'component:default/recommendations',
    repository: 'github.com/northwind/recommendations',
    profile: 'high',
    environments: ['staging'],
    reviewers: { people: STOREFRONT.map(person) },
  },
  ...['shipping-service', 'inventory-service'].map((name, i) => ({
    entityRef: `component:default/${name}`,
    repository: 'github.com/northwind/logistics',
    pathPrefix: ['shipping/', 'inventory/'][i],
    profile: 'struggling' as const,
    environments: ['production'],
    reviewers: LOGISTICS,
  })),
  {
    entityRef: 'component:default/warehouse-worker',
    repository: 'github.com/northwind/warehouse-worker',
    profile: 'struggling',
    environments: ['production'],
    reviewers: LOGISTICS,
  },
  ...['platform-gateway', 'deploy-bot'].map(name => ({
    entityRef: `component:default/${name}`,
    repository: `github.com/northwind/${name}`,
    profile: 'medium' as const,
    environments: ['production'],
    reviewers: { people: PLATFORM.map(person) },
  })),
];

/** A small seeded generator (mulberry32): the same seed, the same sequence, on every machine. */
function random(seed: string) {
  const next = mulberry32(
    createHash('sha256').update(seed).digest().readUInt32LE(0),
  );
  return {
    next,
    between: ([min, max]: [number, number]) => min + (max - min) * next(),
    int: ([min, max]: [number, number]) =>
      Math.floor(min + (max - min + 1) * next()),
    chance: (p: number) => next() < p,
  };
}

const sha = (seed: string) => createHash('sha1').update(seed).digest('hex');

/**
 * Who gives a change its first review, from its own seed (the day's other draws stay as they were):
 * evenly among the team, or the top reviewer except in the weeks they are away (one in four) and for
 * one review in ten.
 */
function reviewerOf(
  component: DemoComponent,
  changeId: string,
  reviewedAt: number,
): { who: string; away: boolean } {
  const r = random(`${changeId}:reviewer`);
  const { people, top } = component.reviewers;
  const pick = () => people[Math.floor(r.next() * people.length)];
  if (!top) return { who: pick(), away: false };
  const away = Math.floor(reviewedAt / (7 * DAY)) % 4 === 0;
  if (away) return { who: pick(), away: true };
  return { who: r.chance(0.1) ? pick() : top, away: false };
}

/**
 * The events of one component on one UTC day. A day's deployments can ship changes merged earlier;
 * everything is derived from (component, day), never from the clock.
 */
export function demoEventsForDay(
  component: DemoComponent,
  environment: string,
  dayStart: number,
): DeliveryEventInput[] {
  const profile = demoProfiles[component.profile];
  const name = component.entityRef.split('/')[1];
  const day = new Date(dayStart).toISOString().slice(0, 10);
  const rng = random(`${component.entityRef}:${environment}:${day}`);
  const weekday = ((new Date(dayStart).getUTCDay() + 6) % 7) + 1;
  const production = environment === 'production';
  const events: DeliveryEventInput[] = [];

  let deployCount: number;
  if (profile.releaseDays) {
    deployCount = profile.releaseDays.includes(weekday) ? 1 : 0;
  } else {
    const rate =
      weekday >= 6 ? profile.deploysPerWeekday / 10 : profile.deploysPerWeekday;
    deployCount =
      Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
  }

  let previousBad: { id: string; failed: boolean } | undefined;
  for (let k = 0; k < deployCount; k++) {
    const id = `${name}-${environment}-${day}-${k}`;
    // Working hours, 08:00 to 18:00 UTC, in order.
    const finishedAt =
      dayStart +
      (8 + ((k + rng.next()) * 10) / Math.max(deployCount, 1)) * HOUR;
    const changes: string[] = [];
    const commits: string[] = [];
    if (production) {
      const changeCount = rng.int(profile.changesPerDeploy);
      for (let c = 0; c < changeCount; c++) {
        const changeId = `${name}-${day}-${k}-${c}`;
        const mergedAt = finishedAt - rng.between(profile.waitForDeploy) * HOUR;
        const reviewed = !rng.chance(profile.unreviewed);
        const reviewHours = reviewed ? rng.between(profile.review) : 0;
        const firstReviewAt = mergedAt - reviewHours * HOUR;
        const reviewer = reviewed
          ? reviewerOf(component, changeId, firstReviewAt)
          : undefined;
        const openedAt =
          firstReviewAt -
          (reviewed ? rng.between(profile.pickup) : rng.between([0.1, 1])) *
            (reviewer?.away ? AWAY_PICKUP_FACTOR : 1) *
            HOUR;
        const firstCommitAt = openedAt - rng.between(profile.coding) * HOUR;
        const mergeCommit = sha(changeId);
        const number = Math.floor((dayStart / DAY) % 100000) * 20 + k * 4 + c;
        commits.push(mergeCommit);
        changes.push(changeId);
        events.push(
          ...demoPipelineRuns(component, changeId, {
            head: sha(`${changeId}:head`),
            openedAt,
            mergeCommit,
            mergedAt,
            deployedAt: finishedAt,
          }),
        );
        events.push({
          type: 'change',
          source: 'demo',
          id: changeId,
          repository: component.repository,
          component: component.entityRef,
          number,
          url: `${DEMO_LINKS.git}/${component.repository
            .split('/')
            .slice(1)
            .join('/')}/pull/${number}`,
          title: `${name}: change ${c + 1} of ${day}`,
          firstCommitAt: isoTime(firstCommitAt),
          openedAt: isoTime(openedAt),
          ...(reviewer
            ? {
                firstReviewAt: isoTime(firstReviewAt),
                firstReviewer: reviewer.who,
              }
            : {}),
          mergedAt: isoTime(mergedAt),
          mergeCommit,
          ...(component.pathPrefix
            ? { changedPaths: [`${component.pathPrefix}src/file${c}.ts`] }
            : {}),
        });
      }
    }
    const failed = rng.chance(profile.failureRate);
    const automated = !rng.chance(profile.manualShare);
    events.push({
      type: 'deployment',
      source: 'demo',
      id,
      component: component.entityRef,
      repository: component.repository,
      environment,
      version: `${day.replace(/-/g, '.')}.${k}`,
      url: `${DEMO_LINKS.ci}/${name}/deployments/${id}`,
      commit: commits[commits.length - 1] ?? sha(id),
      commits,
      startedAt: isoTime(finishedAt - rng.between([0.05, 0.3]) * HOUR),
      finishedAt: isoTime(finishedAt),
      result: failed ? 'failure' : 'success',
      automated,
      ...(previousBad
        ? {
            trigger: previousBad.failed
              ? ('hotfix' as const)
              : ('rollback' as const),
            ...(previousBad.failed ? { fixes: previousBad.id } : {}),
          }
        : {}),
    });
    previousBad =
      failed || rng.chance(profile.rollbackRate) ? { id, failed } : undefined;
    // A bad deployment is repaired quickly: a hotfix or rollback in the next slot, added now.
    if (previousBad && k === deployCount - 1) {
      const repairAt = finishedAt + rng.between([0.3, 2]) * HOUR;
      events.push({
        type: 'deployment',
        source: 'demo',
        id: `${id}-repair`,
        component: component.entityRef,
        repository: component.repository,
        environment,
        commit: sha(`${id}-repair`),
        url: `${DEMO_LINKS.ci}/${name}/deployments/${id}-repair`,
        finishedAt: isoTime(repairAt),
        result: 'success',
        automated,
        trigger: previousBad.failed ? 'hotfix' : 'rollback',
        ...(previousBad.failed ? { fixes: previousBad.id } : {}),
      });
    }
  }

  if (production && rng.chance(profile.incidentsPerMonth / 30)) {
    const detectedAt = dayStart + rng.between([9, 20]) * HOUR;
    const lastDeploy = [...events]
      .reverse()
      .find(
        e =>
          e.type === 'deployment' &&
          Date.parse((e as { finishedAt: string }).finishedAt) < detectedAt,
      );
    const resolveAfter = rng.between(profile.resolveHours) * HOUR;
    // A few incidents of the struggling team stay open.
    const open = component.profile === 'struggling' && rng.chance(0.1);
    events.push({
      type: 'incident',
      source: 'demo',
      id: `${name}-incident-${day}`,
      component: component.entityRef,
      environment: 'production',
      severity: rng.chance(0.3) ? 'SEV1' : 'SEV2',
      title: `${name} degraded`,
      url: `${DEMO_LINKS.incidents}/${name}-incident-${day}`,
      detectedAt: isoTime(detectedAt),
      ...(open ? {} : { resolvedAt: isoTime(detectedAt + resolveAfter) }),
      ...(lastDeploy && rng.chance(0.5)
        ? { causedBy: { deployment: lastDeploy.id } }
        : {}),
    });
  }
  return events;
}

/**
 * A change's CI, from its own seed (the day's other draws stay as they were): a pull-request run on its
 * head soon after it opened, and the default-branch run of its merge commit right after the merge,
 * rerun once when a flaky test failed it. The merge commit's build always ends before the deployment
 * that ships it (shortened when the deployment came quickly).
 */
function demoPipelineRuns(
  component: DemoComponent,
  changeId: string,
  at: {
    head: string;
    openedAt: number;
    mergeCommit: string;
    mergedAt: number;
    deployedAt: number;
  },
): DeliveryEventInput[] {
  const { ci } = demoProfiles[component.profile];
  const r = random(`${changeId}:ci`);
  const name = component.entityRef.split('/')[1];
  const MINUTE = 60_000;
  const run = (
    id: string,
    commit: string,
    kind: 'defaultBranch' | 'pullRequest',
    queuedAt: number,
    latestEnd: number,
    attempt: number,
  ): { event: DeliveryEventInput; end: number; failed: boolean } => {
    const startedAt = queuedAt + r.between(ci.queueMinutes) * MINUTE;
    const end = Math.min(
      startedAt + r.between(ci.buildMinutes) * MINUTE,
      startedAt + Math.max(0, latestEnd - startedAt) * 0.95,
    );
    const failures = ci.flaky
      .filter(test => r.chance(test.rate))
      .map(test => ({
        suite: test.suite,
        name: test.name,
        message: test.message,
      }));
    return {
      end,
      failed: failures.length > 0,
      event: {
        type: 'pipelineRun',
        source: 'demo',
        id,
        component: component.entityRef,
        repository: component.repository,
        pipeline: 'build',
        commit,
        kind,
        attempt,
        queuedAt: isoTime(queuedAt),
        startedAt: isoTime(startedAt),
        finishedAt: isoTime(end),
        result: failures.length ? 'failure' : 'success',
        url: `${DEMO_LINKS.ci}/${name}/runs/${id}`,
        tests: {
          passed: ci.tests - failures.length,
          failed: failures.length,
          skipped: 0,
          ...(failures.length ? { failures } : {}),
        },
      },
    };
  };
  const events: DeliveryEventInput[] = [];
  const pr = run(
    `${changeId}-pr`,
    at.head,
    'pullRequest',
    at.openedAt + r.between([1, 10]) * MINUTE,
    Math.max(at.mergedAt, at.openedAt + 60 * MINUTE),
    1,
  );
  events.push(pr.event);
  const first = run(
    `${changeId}-build-1`,
    at.mergeCommit,
    'defaultBranch',
    at.mergedAt,
    at.deployedAt,
    1,
  );
  events.push(first.event);
  // A flaky failure is rerun by hand a little later; the rerun passes (the test is flaky).
  if (first.failed && first.end + 10 * MINUTE < at.deployedAt) {
    const rerunQueued = first.end + r.between([2, 8]) * MINUTE;
    const rerun = run(
      `${changeId}-build-2`,
      at.mergeCommit,
      'defaultBranch',
      rerunQueued,
      at.deployedAt,
      2,
    );
    const passed = {
      ...rerun.event,
      result: 'success' as const,
      tests: { passed: ci.tests, failed: 0, skipped: 0 },
    };
    events.push(passed);
  }
  return events;
}

/** Every demo event for the days in [from, to), as known at `to`: nothing that happens later. */
export function generateDemoHistory(options: {
  from: number;
  to: number;
  components?: DemoComponent[];
}): DeliveryEventInput[] {
  const components = options.components ?? demoComponents;
  const events: DeliveryEventInput[] = [];
  const firstDay = Math.floor(options.from / DAY) * DAY;
  for (let day = firstDay; day < options.to; day += DAY) {
    for (const component of components) {
      for (const environment of component.environments) {
        for (const event of demoEventsForDay(component, environment, day)) {
          const at = (field: string) => {
            const value = (event as Record<string, unknown>)[field];
            return typeof value === 'string' ? Date.parse(value) : undefined;
          };
          if (event.type === 'incident') {
            if (at('detectedAt')! >= options.to) continue;
            // Not resolved yet as of `to`: reported open, resolved by a later run.
            if ((at('resolvedAt') ?? 0) >= options.to)
              delete (event as { resolvedAt?: string }).resolvedAt;
          } else if (
            (at(event.type === 'change' ? 'mergedAt' : 'finishedAt') ?? 0) >=
            options.to
          ) {
            continue;
          }
          events.push(event);
        }
      }
    }
  }
  return events;
}
