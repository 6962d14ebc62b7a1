import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The environments page; the platform page and each environment's page live below it
 * (`./platform`, `./<id>`). Created with `core-plugin-api`, whose route refs both frontend systems
 * accept.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'intent' });
