import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { ReviewRecord } from '../delivery';
import { locateComponent } from '../shared/ComponentIndex';
import { analyzeKnowledge } from './engine/knowledge';
import { ownerHealth } from './engine/ownerHealth';
import { reviewConcentration } from './engine/reviewConcentration';
import { HistoryCommit } from './engine/truckFactor';
import {
  OwnershipReport,
  OwnershipStore,
  ReviewReport,
  TeamReport,
} from './store/OwnershipStore';

/** Extra e-mail addresses of a user (commits made with another address), comma-separated. */
export const ANNOTATION_EMAILS = 'cairn.dev/emails';
/** A user's GitHub login (reviewers and authors GitHub reports by login). */
export const ANNOTATION_GITHUB_LOGIN = 'github.com/user-login';

const DAY_MS = 86_400_000;
/** "Recent" in who knows what: the commits of the year before the component's newest commit. */
const RECENT_DAYS = 365;
/** Team sizes at which silos form (the figures: 15 to 25 people). */
export const SILO_FROM = 15;
export const SILO_AT = 25;

const refOf = (e: Entity) => stringifyEntityRef(e).toLowerCase();

/** What a repository's history gives a component's report. */
type RepositoryHistory = {
  commits: HistoryCommit[];
  headFiles: string[];
  source: string;
};

/** Who may see individuals' names in a report (DESIGN.md: the owning team and the platform team). */
export type Viewer = { ownershipRefs: string[]; mayReadPeople: boolean };

/**
 * The ownership domain's service: each component's report (owner health from the catalog, knowledge
 * concentration from its repository's history), computed by a scheduled task and stored when it
 * changes; and the reports as the API answers them, with people's names only for those allowed.
 */
export class OwnershipService {
  constructor(
    private readonly options: {
      store: OwnershipStore;
      snapshot: () => Promise<{
        components: Entity[];
        groups: Entity[];
        users: Entity[];
      }>;
      /** A repository's history and files at HEAD under a prefix; throws when it cannot be read. */
      history?: (
        repository: string,
        pathPrefix: string | null,
      ) => Promise<RepositoryHistory>;
      staleAfterDays: number;
      logger: LoggerService;
      /** A group's (whole sub-tree) or a system's components and groups, from the catalog (rollups). */
      members?: (
        entityRef: string,
      ) => Promise<{ ref: string; components: string[]; groups?: string[] }>;
      /** The delivery domain's reviewed changes per component in a range (review concentration). */
      reviews?: (
        componentRefs: string[],
        range: { from: number; to: number },
      ) => Promise<Map<string, ReviewRecord[]>>;
      /** The delivery domain's lead-time bottleneck stage per component (the DORA card's). */
      bottlenecks?: (
        componentRefs: string[],
      ) => Promise<Map<string, string | null>>;
      /** The days of first reviews review concentration reads (90 by default). */
      reviewWindowDays?: number;
      now?: () => number;
    },
  ) {}

  /**
   * A team's (group sub-tree) or a system's ownership risks across its components, as counts (no
   * names): the truck factor distribution, the components whose code one person or nobody knows,
   * owner problems by kind, and the components without history.
   */
  async rollup(entityRef: string, viewer: Viewer) {
    if (!this.options.members)
      throw new InputError('entity: rollups are not available');
    const {
      ref,
      components,
      groups = [],
    } = await this.options.members(entityRef);
    const reports = await this.options.store.latest(components);
    const distribution = { '0': 0, '1': 0, '2': 0, '3+': 0 };
    const ownerProblems: Record<string, number> = {};
    const atRisk: Array<{
      entityRef: string;
      truckFactor: number;
      files: number;
      uncoveredFiles: number;
    }> = [];
    const bottlenecks: Array<{
      entityRef: string;
      topShare: number;
      topTwoShare: number;
      distinctReviewers: number;
      bottleneck: boolean;
    }> = [];
    let withoutHistory = 0;
    let withReviews = 0;
    for (const report of reports.values()) {
      for (const problem of report.ownerHealth.problems)
        ownerProblems[problem] = (ownerProblems[problem] ?? 0) + 1;
      const r = report.reviews;
      if (r) {
        withReviews++;
        if (r.concentrated)
          bottlenecks.push({
            entityRef: report.componentRef,
            topShare: r.topShare ?? 0,
            topTwoShare: r.topTwoShare ?? 0,
            distinctReviewers: r.distinctReviewers,
            bottleneck: r.bottleneck,
          });
      }
      const k = report.knowledge;
      if (!k) {
        withoutHistory++;
        continue;
      }
      const band =
        k.truckFactor >= 3 ? '3+' : (String(k.truckFactor) as '0' | '1' | '2');
      distribution[band]++;
      if (k.truckFactor <= 1)
        atRisk.push({
          entityRef: report.componentRef,
          truckFactor: k.truckFactor,
          files: k.files,
          uncoveredFiles: k.uncoveredFiles,
        });
    }
    const teams = await this.options.store.latestTeams(groups);
    const own = teams.get(ref);
    const namesVisible =
      viewer.mayReadPeople || viewer.ownershipRefs.includes(ref);
    const hide = (member: string) => (namesVisible ? member : null);
    return {
      entityRef: ref,
      components: components.length,
      withReports: reports.size,
      withoutHistory,
      truckFactors: distribution,
      atRisk: atRisk.sort(
        (a, b) => a.truckFactor - b.truckFactor || b.files - a.files,
      ),
      ownerProblems,
      reviews: {
        withReviews,
        concentrated: bottlenecks.length,
        components: bottlenecks.sort(
          (a, b) =>
            Number(b.bottleneck) - Number(a.bottleneck) ||
            b.topShare - a.topShare,
        ),
      },
      teams: [...teams.values()]
        .map(t => ({
          entityRef: t.groupRef,
          members: t.members.length,
          components: t.components.length,
          componentsPerMember: t.members.length
            ? t.components.length / t.members.length
            : null,
          size: sizeBand(t.members.length),
        }))
        .sort(
          (a, b) =>
            b.members - a.members || (a.entityRef < b.entityRef ? -1 : 1),
        ),
      team: own
        ? {
            namesVisible,
            computedAt: new Date(own.computedAt).toISOString(),
            members: own.members.map(hide),
            whoKnowsWhat: own.whoKnowsWhat.map(c => ({
              ...c,
              shares: c.shares.map(x => ({ ...x, member: hide(x.member) })),
            })),
            reviewLoad: own.reviewLoad.map(x => ({
              ...x,
              member: hide(x.member),
            })),
            reviewsByOthers: own.reviewsByOthers,
          }
        : null,
    };
  }

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Computes every component's report; the catalog and the repositories are read before each write. */
  async refresh(): Promise<{
    components: number;
    written: number;
    withoutHistory: number;
  }> {
    const { components, groups, users } = await this.options.snapshot();
    const groupByRef = new Map(groups.map(g => [refOf(g), g]));
    const userByRef = new Map(users.map(u => [refOf(u), u]));
    // Users of each group (direct members), and each user's identities (e-mail addresses).
    const membersOf = new Map<string, string[]>();
    const identity = new Map<string, string>();
    const logins = new Map<string, string>();
    for (const user of users) {
      const ref = refOf(user);
      for (const r of user.relations ?? [])
        if (r.type === RELATION_MEMBER_OF) {
          const group = r.targetRef.toLowerCase();
          membersOf.set(group, [...(membersOf.get(group) ?? []), ref]);
        }
      const profile = (user.spec as { profile?: { email?: string } })?.profile;
      const emails = [
        profile?.email,
        ...(user.metadata.annotations?.[ANNOTATION_EMAILS] ?? '').split(','),
      ]
        .map(e => e?.trim().toLowerCase())
        .filter((e): e is string => !!e);
      for (const email of emails) identity.set(email, ref);
      const login =
        user.metadata.annotations?.[
          ANNOTATION_GITHUB_LOGIN
        ]?.trim().toLowerCase();
      if (login) logins.set(login, ref);
    }
    const person = (who: string) => {
      const key = who.trim().toLowerCase();
      return identity.get(key) ?? logins.get(key) ?? key;
    };
    const componentRefs = components.map(refOf);
    // Delivery's reviews and bottlenecks are read before any report is written.
    const windowDays = this.options.reviewWindowDays ?? 90;
    const reviewsByComponent = this.options.reviews
      ? await this.options.reviews(componentRefs, {
          from: this.now() - windowDays * DAY_MS,
          to: this.now(),
        })
      : new Map<string, ReviewRecord[]>();
    const bottleneckOf = this.options.bottlenecks
      ? await this.options.bottlenecks(componentRefs)
      : new Map<string, string | null>();
    const recentCommits = new Map<string, Map<string, number>>();
    const ownerOf = new Map<string, string>();

    const histories = new Map<string, Promise<RepositoryHistory>>();
    let written = 0;
    let withoutHistory = 0;
    for (const component of components) {
      const componentRef = refOf(component);
      const ownerRaw = (component.spec as { owner?: string })?.owner;
      let ownerRef: string | undefined;
      try {
        ownerRef = ownerRaw
          ? stringifyEntityRef(
              parseEntityRef(ownerRaw, {
                defaultKind: 'group',
                defaultNamespace: component.metadata.namespace ?? 'default',
              }),
            ).toLowerCase()
          : undefined;
      } catch {
        ownerRef = undefined;
      }
      const ownerKind = ownerRef ? parseEntityRef(ownerRef).kind : undefined;
      if (ownerRef && ownerKind === 'group')
        ownerOf.set(componentRef, ownerRef);
      let ownerEntity: Entity | undefined;
      if (ownerKind === 'group') ownerEntity = groupByRef.get(ownerRef!);
      else if (ownerKind === 'user') ownerEntity = userByRef.get(ownerRef!);
      const members =
        ownerKind === 'group' ? membersOf.get(ownerRef!) ?? [] : [];
      const userGroups =
        ownerKind === 'user' && ownerEntity
          ? (ownerEntity.relations ?? []).filter(
              r => r.type === RELATION_MEMBER_OF,
            ).length
          : 0;
      const health = ownerHealth({
        component: {
          owner: ownerRaw ? ownerRef ?? ownerRaw : undefined,
          metadata: component.metadata,
        },
        owner: ownerEntity
          ? {
              kind: ownerKind as 'group' | 'user',
              metadata: ownerEntity.metadata,
            }
          : undefined,
        members: ownerKind === 'user' ? userGroups : members.length,
        now: this.now(),
        staleAfterDays: this.options.staleAfterDays,
      });

      let knowledge: OwnershipReport['knowledge'] = null;
      let knowledgeProblem: string | null = null;
      let source: string | null = null;
      const location = locateComponent(component);
      if (!location.repository) {
        knowledgeProblem =
          'no repository: add backstage.io/source-location, github.com/project-slug or cairn.dev/repository';
      } else if (!this.options.history) {
        knowledgeProblem = 'no access to repositories is configured';
      } else {
        const key = `${location.repository}\u0000${location.pathPrefix ?? ''}`;
        if (!histories.has(key))
          histories.set(
            key,
            this.options.history(location.repository, location.pathPrefix),
          );
        try {
          const read = await histories.get(key)!;
          const authors = new Set(read.commits.map(c => c.author));
          // E-mail addresses, or GitHub logins where pushes carry no real address.
          const commits = read.commits.map(c => ({
            ...c,
            author: person(c.author),
          }));
          knowledge = {
            ...analyzeKnowledge({
              commits,
              headFiles: read.headFiles,
              pathPrefix: location.pathPrefix ?? undefined,
              current:
                ownerKind === 'group' ? new Set(members) : new Set([ownerRef!]),
            }),
            // Matched: resolved to a catalog user (by address or login).
            unmatchedAuthors: [...authors].filter(
              a => !person(a).startsWith('user:'),
            ).length,
          };
          source = read.source;
          // The year before the newest commit: a quiet repository still shows who worked on it last.
          const newest = Math.max(0, ...commits.map(c => c.at ?? 0));
          const since = newest - RECENT_DAYS * DAY_MS;
          const recent = new Map<string, number>();
          for (const c of commits)
            if (!c.merge && (c.at ?? 0) >= since)
              recent.set(c.author, (recent.get(c.author) ?? 0) + 1);
          recentCommits.set(componentRef, recent);
        } catch (error) {
          knowledgeProblem = `the history could not be read: ${(
            error as Error
          ).message.slice(0, 300)}`;
        }
      }
      if (!knowledge) withoutHistory++;
      const reviewed = reviewsByComponent.get(componentRef) ?? [];
      let reviews: ReviewReport | null = null;
      if (reviewed.length) {
        const concentration = reviewConcentration(
          reviewed.map(r => ({
            reviewer: r.firstReviewer ? person(r.firstReviewer) : null,
            openedAt: r.openedAt,
            firstReviewAt: r.firstReviewAt,
          })),
        );
        const leadTimeBottleneck = bottleneckOf.get(componentRef) ?? null;
        reviews = {
          ...concentration,
          windowDays,
          leadTimeBottleneck,
          bottleneck:
            concentration.concentrated && leadTimeBottleneck === 'pickup',
        };
      }
      const saved = await this.options.store.save({
        componentRef,
        computedAt: this.now(),
        ownerHealth: health,
        knowledge,
        knowledgeProblem,
        source,
        reviews,
      });
      if (saved) written++;
    }

    // Each team's own report: members, who knows what, review load.
    let teamsWritten = 0;
    for (const group of groups) {
      const groupRef = refOf(group);
      const members = [...new Set(membersOf.get(groupRef) ?? [])].sort();
      const memberSet = new Set(members);
      const owned = componentRefs.filter(c => ownerOf.get(c) === groupRef);
      const load = new Map<string, number>();
      let reviewsByOthers = 0;
      for (const c of owned)
        for (const r of reviewsByComponent.get(c) ?? []) {
          if (!r.firstReviewer) continue;
          const who = person(r.firstReviewer);
          if (memberSet.has(who)) load.set(who, (load.get(who) ?? 0) + 1);
          else reviewsByOthers++;
        }
      const team: TeamReport = {
        groupRef,
        computedAt: this.now(),
        members,
        components: owned,
        whoKnowsWhat: owned.flatMap(component => {
          const recent = recentCommits.get(component);
          if (!recent) return [];
          const commits = [...recent.values()].reduce((a, b) => a + b, 0);
          return [
            {
              component,
              commits,
              shares: members
                .filter(m => recent.has(m))
                .map(member => ({
                  member,
                  share: recent.get(member)! / commits,
                }))
                .sort((a, b) => b.share - a.share),
            },
          ];
        }),
        reviewLoad: members
          .map(member => ({ member, reviews: load.get(member) ?? 0 }))
          .sort(
            (a, b) => b.reviews - a.reviews || (a.member < b.member ? -1 : 1),
          ),
        reviewsByOthers,
      };
      if (await this.options.store.saveTeam(team)) teamsWritten++;
    }
    this.options.logger.info(
      `Ownership: ${components.length} components, ${written} reports changed, ${withoutHistory} without history; ${groups.length} teams, ${teamsWritten} changed`,
    );
    return { components: components.length, written, withoutHistory };
  }

  /** A component's newest report; people's names only when the viewer may see them. */
  async report(entityRef: string, viewer: Viewer) {
    let ref: string;
    try {
      ref = stringifyEntityRef(
        parseEntityRef(entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        }),
      ).toLowerCase();
    } catch {
      throw new InputError(
        'entity: must be an entity reference such as component:default/checkout',
      );
    }
    const report = (await this.options.store.latest([ref])).get(ref);
    if (!report)
      throw new NotFoundError(
        `${ref} has no ownership report yet (computed every few hours for every component)`,
      );
    const namesVisible =
      viewer.mayReadPeople ||
      (report.ownerHealth.owner !== null &&
        viewer.ownershipRefs.includes(report.ownerHealth.owner));
    return {
      entityRef: ref,
      computedAt: new Date(report.computedAt).toISOString(),
      namesVisible,
      ownerHealth: report.ownerHealth,
      knowledge: report.knowledge && redact(report.knowledge, namesVisible),
      knowledgeProblem: report.knowledgeProblem,
      source: report.source,
      reviews:
        report.reviews &&
        (namesVisible
          ? report.reviews
          : {
              ...report.reviews,
              reviewers: report.reviews.reviewers.map(r => ({
                ...r,
                reviewer: null,
              })),
            }),
    };
  }
}

/** Where a team's size stands against the 15–25 people at which silos form. */
export function sizeBand(members: number): 'small' | 'forming' | 'large' {
  if (members < SILO_FROM) return 'small';
  return members <= SILO_AT ? 'forming' : 'large';
}

/** Counts and shares for everyone; who, for the owning team and the platform team. */
function redact(
  k: NonNullable<OwnershipReport['knowledge']>,
  namesVisible: boolean,
) {
  if (namesVisible) return k;
  return {
    ...k,
    keyPeople: k.keyPeople.map(() => null),
    singleKnowerAreas: k.singleKnowerAreas.map(a => ({ ...a, member: null })),
    departedAuthors: k.departedAuthors.map(a => ({ ...a, author: null })),
  };
}
