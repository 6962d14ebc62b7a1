import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Components' titles as the tables show them (the catalog's `metadata.title`), by reference, in one
 * catalog request for a whole view; components without a title are left out.
 */
export function useComponentTitles(refs: string[]): Record<string, string> {
  const catalogApi = useApi(catalogApiRef);
  const key = refs.join(',');
  const { value } = useAsync(async () => {
    if (refs.length === 0) return {};
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
