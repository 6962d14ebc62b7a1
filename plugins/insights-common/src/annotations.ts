/**
 * Catalog annotations that tie delivery events to components. See the insights-backend README,
 * "Attributing events to components".
 */

/**
 * The component's repository, as `host/owner/name` (e.g. `github.com/northwind/checkout`). Optional
 * when `github.com/project-slug` or `backstage.io/source-location` already names the repository.
 */
export const ANNOTATION_REPOSITORY = 'cairn.dev/repository';

/**
 * For a component in a monorepo: the folder it lives in (e.g. `services/checkout/`). Optional when
 * `backstage.io/source-location` points at that folder (`.../tree/<branch>/services/checkout/`).
 */
export const ANNOTATION_PATH_PREFIX = 'cairn.dev/path-prefix';

/**
 * A component's OpenSLO files: comma-separated paths relative to its source location
 * (`backstage.io/source-location`), or absolute URLs (e.g. `slo/availability.yaml, slo/latency.yaml`).
 */
export const ANNOTATION_OPENSLO = 'cairn.dev/openslo';

/** Well-known annotations read as fallbacks. */
export const ANNOTATION_GITHUB_PROJECT_SLUG = 'github.com/project-slug';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
