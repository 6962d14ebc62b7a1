import { RepositoryPayload } from '../webhook/payloads';

/**
 * A repository as the insights backend names it, `host/owner/name` (`github.com/northwind/checkout`,
 * or the GitHub Enterprise host), so that the catalog's `github.com/project-slug` and
 * `cairn.dev/repository` annotations attribute its events; and the `owner/name` the record ids use.
 * Both lower-cased: GitHub compares them without case.
 */
export function repositoryOf(repository: RepositoryPayload): {
  repository: string;
  fullName: string;
} {
  const host = new URL(repository.html_url).host.toLowerCase();
  const fullName = repository.full_name.toLowerCase();
  return { repository: `${host}/${fullName}`, fullName };
}
