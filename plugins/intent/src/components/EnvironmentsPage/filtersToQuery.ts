import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EnvironmentKind,
  EnvironmentListQuery,
  EnvironmentStatus,
  liveEnvironmentStatuses,
} from '@cairn/plugin-intent-common';
import { Filters } from './EnvironmentFilters';

const HOUR = 3_600_000;

/** An owner as typed ("checkout", "group:checkout", "user:default/ada") as a full entity ref. */
export function ownerRef(owner: string): string | undefined {
  const trimmed = owner.trim();
  if (!trimmed) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(trimmed, {
        defaultKind: 'group',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    return trimmed;
  }
}

/** The registry query for the list's filters, at `now` (paging is the caller's). */
export function filtersToQuery(
  filters: Filters,
  now: Date,
): EnvironmentListQuery {
  let status: EnvironmentStatus[] | undefined;
  if (filters.status === 'live') status = liveEnvironmentStatuses;
  else if (filters.status !== 'all') status = [filters.status];
  let expiresBefore: string | undefined;
  if (filters.expiring !== 'any') {
    const hours = filters.expiring === '24h' ? 24 : 7 * 24;
    expiresBefore = new Date(now.getTime() + hours * HOUR).toISOString();
  }
  return {
    owner: ownerRef(filters.owner),
    status,
    environment:
      filters.kind === 'all' ? undefined : (filters.kind as EnvironmentKind),
    expiresBefore,
  };
}
