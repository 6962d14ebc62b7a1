import {
  Entity,
  parseEntityRef,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { locateComponent } from '../shared/ComponentIndex';
import { analyzeKnowledge } from './engine/knowledge';
import { ownerHealth } from './engine/ownerHealth';
import { HistoryCommit } from './engine/truckFactor';
import { OwnershipReport, OwnershipStore } from './store/OwnershipStore';

/** Extra e-mail addresses of a user (commits made with another address), comma-separated. */
export const ANNOTATION_EMAILS = 'cairn.dev/emails';

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
      /** A group's (whole sub-tree) or a system's components, from the catalog (rollups). */
      members?: (
        entityRef: string,
      ) => Promise<{ ref: string; components: string[] }>;
      now?: () => number;
    },
  ) {}

  /**
   * A team's (group sub-tree) or a system's ownership risks across its components, as counts (no
   * names): the truck factor distribution, the components whose code one person or nobody knows,
   * owner problems by kind, and the components without history.
   */
  async rollup(entityRef: string) {
    if (!this.options.members)
      throw new InputError('entity: rollups are not available');
    const { ref, components } = await this.options.members(entityRef);
    const reports = await this.options.store.latest(components);
    const distribution = { '0': 0, '1': 0, '2': 0, '3+': 0 };
    const ownerProblems: Record<string, number> = {};
    const atRisk: Array<{
      entityRef: string;
      truckFactor: number;
      files: number;
      uncoveredFiles: number;
    }> = [];
    let withoutHistory = 0;
    for (const report of reports.values()) {
      for (const problem of report.ownerHealth.problems)
        ownerProblems[problem] = (ownerProblems[problem] ?? 0) + 1;
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
    }

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
          const commits = read.commits.map(c => ({
            ...c,
            author: identity.get(c.author) ?? c.author,
          }));
          knowledge = {
            ...analyzeKnowledge({
              commits,
              headFiles: read.headFiles,
              pathPrefix: location.pathPrefix ?? undefined,
              current:
                ownerKind === 'group' ? new Set(members) : new Set([ownerRef!]),
            }),
            unmatchedAuthors: [...authors].filter(a => !identity.has(a)).length,
          };
          source = read.source;
        } catch (error) {
          knowledgeProblem = `the history could not be read: ${(
            error as Error
          ).message.slice(0, 300)}`;
        }
      }
      if (!knowledge) withoutHistory++;
      const saved = await this.options.store.save({
        componentRef,
        computedAt: this.now(),
        ownerHealth: health,
        knowledge,
        knowledgeProblem,
        source,
      });
      if (saved) written++;
    }
    this.options.logger.info(
      `Ownership: ${components.length} components, ${written} reports changed, ${withoutHistory} without history`,
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
    };
  }
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
