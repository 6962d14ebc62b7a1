import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_HAS_MEMBER,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { callCatalog } from '@cairn/backend-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { ComponentIndex } from './ComponentIndex';

/** The components a group's sub-tree owns, or a system holds, and the people in that group tree. */
export type Membership = {
  components: string[];
  /** Distinct users named by the group tree's own membership relations (`hasMember`). */
  members: number;
  /** Set when the catalog's search finds other members than the groups' relations name. */
  membersNote?: string;
  /** For a group: the group and every group below it. */
  groups?: string[];
};

/** A group's children and direct members, as lower-case refs (from its relations). */
type GroupRelations = { children: string[]; members: string[] };

const COMPONENT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.annotations',
];

/**
 * Everything the insights backend asks the catalog, with the plugin's own credentials. The component
 * index (repositories and path prefixes) is cached for a minute: attribution must not cost a catalog
 * round trip per batch, and late catalog changes are picked up by the catch-up task.
 */
export class CatalogGateway {
  private index?: { value: Promise<ComponentIndex>; expires: number };
  private groups?: {
    value: Promise<Map<string, GroupRelations>>;
    expires: number;
  };

  constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly options: { indexTtlMs?: number; now?: () => number } = {},
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  private async credentials() {
    return { credentials: await this.auth.getOwnServiceCredentials() };
  }

  /** A catalog call whose failure is the catalog's: a 503 with Retry-After (`callCatalog`). */
  private call<T>(work: () => Promise<T>): Promise<T> {
    return callCatalog(work);
  }

  /** Resolves when the catalog answers a minimal query (for the health check). */
  async ping(): Promise<void> {
    await this.call(async () =>
      this.catalog.getEntities(
        { filter: { kind: 'component' }, fields: ['kind'], limit: 1 },
        await this.credentials(),
      ),
    );
  }

  componentIndex(): Promise<ComponentIndex> {
    if (!this.index || this.index.expires <= this.now()) {
      const value = this.loadIndex();
      this.index = { value, expires: this.now() + this.ttl() };
      value.catch(() => {
        this.index = undefined;
      });
    }
    return this.index.value;
  }

  private ttl() {
    return this.options.indexTtlMs ?? 60_000;
  }

  /**
   * Every group's children, read from the catalog once per refresh (a minute), not on every rollup:
   * a group's sub-tree is walked in memory.
   */
  private groupRelations(): Promise<Map<string, GroupRelations>> {
    if (!this.groups || this.groups.expires <= this.now()) {
      const value = this.call(() => this.loadGroups());
      this.groups = { value, expires: this.now() + this.ttl() };
      value.catch(() => {
        this.groups = undefined;
      });
    }
    return this.groups.value;
  }

  private async loadGroups() {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      await this.credentials(),
    );
    const groups = new Map<string, GroupRelations>();
    for (const group of items) {
      const targets = (type: string) =>
        (group.relations ?? [])
          .filter(r => r.type === type)
          .map(r => r.targetRef.toLowerCase());
      groups.set(stringifyEntityRef(group).toLowerCase(), {
        children: targets(RELATION_PARENT_OF),
        members: targets(RELATION_HAS_MEMBER),
      });
    }
    return groups;
  }

  private async loadIndex() {
    const { items } = await this.call(async () =>
      this.catalog.getEntities(
        { filter: { kind: 'component' }, fields: COMPONENT_FIELDS },
        await this.credentials(),
      ),
    );
    return ComponentIndex.fromEntities(items);
  }

  /**
   * The components behind a Group (its whole sub-tree of groups) or a System, and the number of
   * distinct users in the group tree (0 for a system).
   */
  /** Components carrying an annotation, with their annotations. */
  async componentsAnnotated(annotation: string): Promise<Entity[]> {
    const { items } = await this.call(async () =>
      this.catalog.getEntities(
        { filter: { kind: 'component' }, fields: COMPONENT_FIELDS },
        await this.credentials(),
      ),
    );
    return items.filter(e => e.metadata.annotations?.[annotation]);
  }

  /**
   * What ownership health reads, in three requests: every component (owner, annotations, source
   * location), every group (annotations, relations) and every user (e-mail, annotations, groups).
   */
  async ownershipSnapshot(): Promise<{
    components: Entity[];
    groups: Entity[];
    users: Entity[];
  }> {
    const read = (kind: string, fields: string[]) =>
      this.call(async () =>
        this.catalog.getEntities(
          { filter: { kind }, fields },
          await this.credentials(),
        ),
      );
    const [components, groups, users] = await Promise.all([
      read('component', [...COMPONENT_FIELDS, 'spec.owner', 'relations']),
      read('group', [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'relations',
      ]),
      read('user', [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.annotations',
        'spec.profile.email',
        'relations',
      ]),
    ]);
    return {
      components: components.items,
      groups: groups.items,
      users: users.items,
    };
  }

  /** Entities carrying an annotation (whatever its value), with their owner and location. */
  async annotatedEntities(annotation: string): Promise<Entity[]> {
    const { items } = await this.call(async () =>
      this.catalog.getEntities(
        {
          filter: {
            [`metadata.annotations.${annotation}`]: CATALOG_FILTER_EXISTS,
          },
          fields: [
            'kind',
            'metadata.name',
            'metadata.namespace',
            'metadata.annotations',
            'spec.owner',
          ],
        },
        await this.credentials(),
      ),
    );
    return items;
  }

  /**
   * What scorecards read of entities (kind, type, lifecycle, tags, owner, system, labels and
   * annotations): every Component, System, API, Resource and Group, or the ones asked for.
   */
  async scorecardEntities(entityRefs?: string[]): Promise<Entity[]> {
    const fields = [
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.tags',
      'metadata.labels',
      'metadata.annotations',
      'spec.type',
      'spec.lifecycle',
      'spec.owner',
      'spec.system',
    ];
    if (entityRefs) {
      if (entityRefs.length === 0) return [];
      const { items } = await this.call(async () =>
        this.catalog.getEntitiesByRefs(
          { entityRefs, fields },
          await this.credentials(),
        ),
      );
      return items.filter((e): e is Entity => !!e);
    }
    const { items } = await this.call(async () =>
      this.catalog.getEntities(
        {
          filter: ['component', 'system', 'api', 'resource', 'group'].map(
            kind => ({ kind }),
          ),
          fields,
        },
        await this.credentials(),
      ),
    );
    return items;
  }

  /** The catalog's entities for many refs at once, in order (undefined where there is none). */
  async entities(entityRefs: string[]): Promise<Array<Entity | undefined>> {
    if (entityRefs.length === 0) return [];
    const { items } = await this.call(async () =>
      this.catalog.getEntitiesByRefs({ entityRefs }, await this.credentials()),
    );
    return items;
  }

  async membership(entityRef: string): Promise<Membership> {
    return this.call(() => this.loadMembership(entityRef));
  }

  private async loadMembership(entityRef: string): Promise<Membership> {
    const ref = parseEntityRef(entityRef);
    const normalized = stringifyEntityRef(ref);
    const options = await this.credentials();
    if (ref.kind.toLowerCase() === 'system') {
      const system = await this.catalog.getEntityByRef(normalized, options);
      if (!system)
        throw new NotFoundError(`No system ${normalized} in the catalog`);
      const { items } = await this.catalog.getEntities(
        {
          filter: {
            kind: 'component',
            'relations.partOf': normalized.toLowerCase(),
          },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        options,
      );
      return { components: refsOf(items), members: 0 };
    }
    if (ref.kind.toLowerCase() !== 'group') {
      throw new InputError(
        `entity must be a Group or a System for a rollup, not ${ref.kind}`,
      );
    }
    const relations = await this.groupRelations();
    const groups = groupTree(relations, normalized);
    const [components, users] = await Promise.all([
      this.catalog.getEntities(
        {
          filter: { kind: 'component', 'relations.ownedBy': groups },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        options,
      ),
      this.catalog.getEntities(
        {
          filter: { kind: 'user', 'relations.memberOf': groups },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        options,
      ),
    ]);
    // Members come from the groups' own relations: the search index behind the user query can lag
    // (seen: 1 of 4 members while the catalog was still indexing), and a per-member figure must not
    // move with it. A disagreement is reported, not hidden.
    const related = new Set(
      groups.flatMap(group => relations.get(group)?.members ?? []),
    );
    const searched = new Set(refsOf(users.items));
    const agree =
      related.size === searched.size &&
      [...searched].every(u => related.has(u));
    return {
      components: refsOf(components.items),
      members: related.size,
      ...(agree
        ? {}
        : {
            membersNote: `The group's relations name ${related.size} ${
              related.size === 1 ? 'member' : 'members'
            }; the catalog's search finds ${
              searched.size
            }. Per-member figures use the relations (the catalog may still be processing).`,
          }),
      groups,
    };
  }
}

/** A group and every group below it, as lower-case refs. */
function groupTree(groups: Map<string, GroupRelations>, root: string) {
  const rootRef = root.toLowerCase();
  if (!groups.has(rootRef))
    throw new NotFoundError(`No group ${root} in the catalog`);
  const tree = new Set<string>([rootRef]);
  const queue = [rootRef];
  while (queue.length) {
    for (const child of groups.get(queue.shift()!)?.children ?? []) {
      if (!tree.has(child)) {
        tree.add(child);
        queue.push(child);
      }
    }
  }
  return [...tree];
}

function refsOf(items: Entity[]) {
  return items.map(e => stringifyEntityRef(e).toLowerCase());
}
