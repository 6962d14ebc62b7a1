import { useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';

/** Paths of the plugin's pages: the list, the platform page and one environment's page. */
export function useIntentLinks() {
  const root = useRouteRef(rootRouteRef)();
  const base = root.replace(/\/$/, '');
  return {
    list: root,
    listForOwner: (owner: string) =>
      `${base}/?owner=${encodeURIComponent(owner)}`,
    platform: `${base}/platform`,
    environment: (id: string) => `${base}/${encodeURIComponent(id)}`,
  };
}
