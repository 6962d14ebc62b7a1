import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Components' titles as the tables show them (the catalog's `metadata.title`), by reference, in one
 * catalog request for a whole view; components without a title (or without a catalog) are left out.
 */
export function useComponentTitles(refs: string[]): Record<string, string> {
  // Optional: a view rendered without the catalog (a test app) names components by their names.
  const catalogApi = useApiHolder().get(catalogApiRef);
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    if (!catalogApi || refs.length === 0) return {};
    const { items } = await catalogApi.getEntitiesByRefs({
      entityRefs: refs,
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return Object.fromEntries(
      items.flatMap((entity, i) =>
        entity?.metadata.title ? [[refs[i], entity.metadata.title]] : [],
      ),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, key]);
  return value ?? {};
}
