import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFacts, FactProvider } from '@cairn/plugin-insights-node';
import { CatalogGateway } from './CatalogGateway';

/**
 * The catalog's facts about an entity, for checks that apply to every kind (Components, Systems, APIs,
 * Resources, Groups): its kind, names, owner, lifecycle, tags, annotations, links and relations.
 */
export function entityFactProvider(catalog: CatalogGateway): FactProvider {
  return {
    id: 'entity',
    description: 'The catalog entity: metadata, spec and relations.',
    facts: {
      kind: { type: 'string', description: 'Component, System, API, ...' },
      namespace: { type: 'string', description: 'metadata.namespace' },
      name: { type: 'string', description: 'metadata.name' },
      title: { type: 'string', description: 'metadata.title, when set' },
      description: { type: 'string', description: 'metadata.description' },
      type: {
        type: 'string',
        description: 'spec.type (service, website, ...)',
      },
      lifecycle: {
        type: 'string',
        description: 'spec.lifecycle (production, experimental, ...)',
      },
      owner: { type: 'string', description: 'spec.owner, as written' },
      system: { type: 'string', description: 'spec.system, as written' },
      tags: { type: 'list<string>', description: 'metadata.tags' },
      labels: { type: 'map<string, string>', description: 'metadata.labels' },
      annotations: {
        type: 'map<string, string>',
        description: 'metadata.annotations',
      },
      links: {
        type: 'list<string>',
        description: 'the titles (or URLs) of metadata.links',
      },
      relations: {
        type: 'list<string>',
        description:
          'relations as "type:targetRef" (e.g. ownedBy:group:default/checkout)',
      },
    },
    async factsFor(entityRefs) {
      const entities = await catalog.entities(entityRefs);
      const result = new Map<string, EntityFacts>();
      for (const entity of entities) {
        if (!entity) continue;
        const spec = (entity.spec ?? {}) as Record<string, unknown>;
        const facts: EntityFacts = {
          kind: entity.kind,
          namespace: entity.metadata.namespace ?? 'default',
          name: entity.metadata.name,
          tags: entity.metadata.tags ?? [],
          labels: entity.metadata.labels ?? {},
          annotations: entity.metadata.annotations ?? {},
          links: (entity.metadata.links ?? []).map(l => l.title ?? l.url),
          relations: (entity.relations ?? []).map(
            r => `${r.type}:${r.targetRef}`,
          ),
        };
        const optional = {
          title: entity.metadata.title,
          description: entity.metadata.description,
          type: spec.type,
          lifecycle: spec.lifecycle,
          owner: spec.owner,
          system: spec.system,
        };
        for (const [name, value] of Object.entries(optional)) {
          if (typeof value === 'string') facts[name] = value;
        }
        result.set(stringifyEntityRef(entity).toLowerCase(), facts);
      }
      return result;
    },
  };
}
