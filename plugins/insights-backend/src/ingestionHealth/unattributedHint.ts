import {
  ANNOTATION_GITHUB_PROJECT_SLUG,
  ANNOTATION_PATH_PREFIX,
  ANNOTATION_REPOSITORY,
  UnattributedEvents,
} from '@cairn/plugin-insights-common';
import { ComponentIndex } from '../shared/ComponentIndex';

type Hint = Pick<
  UnattributedEvents,
  'reason' | 'hint' | 'annotation' | 'candidates'
>;

/** How each source lets an event name its component, for hints about events that named none. */
const NAMING: Record<string, Record<UnattributedEvents['type'], string>> = {
  cdevents: {
    deployment:
      "name the service in the subject id as a component name or entity ref ('service/checkout', 'component:default/checkout')",
    change:
      'name the repository (subject.content.repository) so the component can be found from it',
    incident:
      'name the service (subject.content.service.id) or an artifact Cairn saw deployed through CDEvents (subject.content.artifactId)',
    pipelineRun:
      'name the component or the repository in the pipeline run event (customData.cairn.component or customData.cairn.repository)',
  },
  github: {
    deployment: "set `component` in the deployment's payload",
    change:
      'pull requests are attributed by repository; for several components, by path prefix',
    incident:
      "label the issue 'component:<name>' or map its repository in insights.github.incidents.components",
    pipelineRun:
      'workflow runs are attributed by repository: register a component for the repository',
  },
};

const namingFor = (source: string, type: UnattributedEvents['type']) =>
  NAMING[source]?.[type] ?? 'name the component (`component`) in each event';

/**
 * Why a group of stored events has no component, and what would give them one (docs/DESIGN.md,
 * "Which component"): a repository annotation when no component claims the repository, path prefixes
 * or an explicit component when several share it.
 */
export function unattributedHint(
  group: {
    type: UnattributedEvents['type'];
    source: string;
    repository: string | null;
  },
  components: ComponentIndex,
): Hint {
  const { type, source, repository } = group;
  if (!repository) {
    return {
      reason: 'the events name neither a component nor a repository',
      hint: `To attribute them, ${namingFor(
        source,
        type,
      )}, or send the repository.`,
    };
  }
  const candidates = components.componentsOf(repository);
  if (candidates.length === 0) {
    const [host, ...path] = repository.split('/');
    const annotation =
      host === 'github.com' && path.length === 2
        ? { name: ANNOTATION_GITHUB_PROJECT_SLUG, value: path.join('/') }
        : { name: ANNOTATION_REPOSITORY, value: repository };
    return {
      reason: `no component in the catalog has the repository ${repository}`,
      hint: `Add the annotation '${annotation.name}: ${annotation.value}' to the component built from ${repository}; the next catch-up run (every 10 minutes) attributes the stored events.`,
      annotation,
    };
  }
  if (candidates.length === 1) {
    return {
      reason: `${candidates[0].entityRef} has claimed ${repository} since these events were stored`,
      hint: 'Nothing to do: the next catch-up run (every 10 minutes) attributes them.',
      candidates: [candidates[0].entityRef],
    };
  }
  const refs = candidates.map(c => c.entityRef).sort();
  if (type === 'change') {
    const missing = candidates
      .filter(c => !c.pathPrefix)
      .map(c => c.entityRef)
      .sort();
    if (missing.length) {
      return {
        reason: `${repository} holds ${
          refs.length
        } components and ${missing.join(', ')} ${
          missing.length === 1 ? 'has' : 'have'
        } no path prefix`,
        hint: `Add the annotation '${ANNOTATION_PATH_PREFIX}: <folder>/' to ${missing.join(
          ', ',
        )}; changes are then attributed by their changed paths.`,
        annotation: { name: ANNOTATION_PATH_PREFIX, value: '<folder>/' },
        candidates: refs,
      };
    }
    return {
      reason: `${repository} holds ${refs.length} components and these changes' paths do not fall under exactly one path prefix (or were not sent)`,
      hint: `Send changedPaths with each change, or ${namingFor(
        source,
        type,
      )}.`,
      candidates: refs,
    };
  }
  return {
    reason: `${repository} holds ${refs.length} components and the events name none of them`,
    hint: `To attribute them, ${namingFor(source, type)}.`,
    candidates: refs,
  };
}
