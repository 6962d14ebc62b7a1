import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PATH_PREFIX,
  ANNOTATION_REPOSITORY,
  ANNOTATION_SOURCE_LOCATION,
} from '@cairn/plugin-insights-common';
import {
  normalizePathPrefix,
  normalizeRepository,
  parseSourceLocation,
} from './repositories';

export type ComponentLocation = {
  entityRef: string;
  repository: string | null;
  pathPrefix: string | null;
};

/** Entity refs are compared lower-cased, as the catalog does. */
export function normalizeComponentRef(raw: string): string {
  return stringifyEntityRef(
    parseEntityRef(raw.trim(), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    }),
  ).toLowerCase();
}

/**
 * Where a component's code lives, from its annotations: `cairn.dev/repository` and
 * `cairn.dev/path-prefix` when set; otherwise `github.com/project-slug` and the folder of
 * `backstage.io/source-location`.
 */
export function locateComponent(entity: Entity): ComponentLocation {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations[ANNOTATION_SOURCE_LOCATION]
    ? parseSourceLocation(annotations[ANNOTATION_SOURCE_LOCATION])
    : undefined;
  const repositoryAnnotation =
    annotations[ANNOTATION_REPOSITORY] ??
    annotations[ANNOTATION_GITHUB_PROJECT_SLUG];
  const repository = repositoryAnnotation
    ? normalizeRepository(repositoryAnnotation)
    : source?.repository ?? null;
  let pathPrefix: string | null = null;
  if (annotations[ANNOTATION_PATH_PREFIX] !== undefined) {
    pathPrefix =
      normalizePathPrefix(annotations[ANNOTATION_PATH_PREFIX]) || null;
  } else if (source?.pathPrefix && source.repository === repository) {
    pathPrefix = source.pathPrefix;
  }
  return {
    entityRef: stringifyEntityRef(entity).toLowerCase(),
    repository,
    pathPrefix,
  };
}

export type Attribution = { componentRef: string | null; reason?: string };

/**
 * Decides which component an event belongs to (docs/DESIGN.md, "Which component"): the one it names;
 * otherwise its repository's single component; otherwise, in a repository with several components,
 * the one whose path prefix holds every changed path. Anything else is unattributed, with the reason.
 */
export class ComponentIndex {
  private readonly byRepository = new Map<string, ComponentLocation[]>();
  private readonly byRef = new Map<string, ComponentLocation>();

  constructor(locations: ComponentLocation[]) {
    for (const location of locations) {
      this.byRef.set(location.entityRef, location);
      if (location.repository) {
        const list = this.byRepository.get(location.repository) ?? [];
        list.push(location);
        this.byRepository.set(location.repository, list);
      }
    }
  }

  static fromEntities(entities: Entity[]): ComponentIndex {
    return new ComponentIndex(entities.map(locateComponent));
  }

  get(entityRef: string): ComponentLocation | undefined {
    return this.byRef.get(entityRef);
  }

  componentsOf(repository: string): ComponentLocation[] {
    return this.byRepository.get(repository) ?? [];
  }

  attribute(event: {
    component?: string;
    repository?: string | null;
    changedPaths?: string[] | null;
  }): Attribution {
    if (event.component)
      return { componentRef: normalizeComponentRef(event.component) };
    if (!event.repository) {
      return {
        componentRef: null,
        reason: 'names neither a component nor a repository',
      };
    }
    const candidates = this.componentsOf(event.repository);
    if (candidates.length === 0) {
      return {
        componentRef: null,
        reason: `no component has the repository ${event.repository}`,
      };
    }
    if (candidates.length === 1)
      return { componentRef: candidates[0].entityRef };
    const paths = event.changedPaths ?? [];
    if (paths.length === 0) {
      return {
        componentRef: null,
        reason: `${event.repository} holds ${candidates.length} components and the event names neither a component nor changed paths`,
      };
    }
    const matching = candidates.filter(
      c =>
        c.pathPrefix &&
        paths.every(path => path.replace(/^\/+/, '').startsWith(c.pathPrefix!)),
    );
    if (matching.length === 1) return { componentRef: matching[0].entityRef };
    return {
      componentRef: null,
      reason: `the changed paths do not fall under exactly one component's path prefix in ${event.repository}`,
    };
  }
}
