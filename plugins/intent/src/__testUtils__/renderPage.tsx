import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  scaffolderApiRef,
  ScaffolderTask,
} from '@backstage/plugin-scaffolder-react';
import { JsonObject } from '@backstage/types';
import { IntentApi } from '@cairn/plugin-intent-common';
import { intentApiRef } from '../api';
import { EnvironmentsPage } from '../components/EnvironmentsPage/EnvironmentsPage';
import { rootRouteRef } from '../routes';

/** Renders the environments page (legacy header included) at a path below `/environments`. */
export function renderEnvironmentsPage(options: {
  path: string;
  client: IntentApi;
  templates?: Entity[];
  config?: JsonObject;
  /** The signed-in user (default: someone who requested nothing). */
  user?: string;
  /** The scaffolder's tasks by id (default: no scaffolder API, as in a portal without it). */
  tasks?: Record<string, unknown>;
}) {
  const tasks = options.tasks;
  return renderInTestApp(<EnvironmentsPage />, {
    apis: [
      [intentApiRef, options.client],
      [catalogApiRef, catalogApiMock({ entities: options.templates ?? [] })],
      [
        identityApiRef,
        mockApis.identity({
          userEntityRef: options.user ?? 'user:default/priya.raman',
        }),
      ],
      ...(tasks
        ? [
            [
              scaffolderApiRef,
              {
                // Fixtures carry only what the page reads (the template and the values).
                getTask: async (id: string) => {
                  if (!tasks[id]) throw new Error(`task ${id} not found`);
                  return tasks[id] as ScaffolderTask;
                },
              },
            ] as const,
          ]
        : []),
    ],
    config: options.config,
    mountPath: '/environments/*',
    initialRouteEntries: [options.path],
    mountedRoutes: {
      '/environments': rootRouteRef,
      '/catalog/:namespace/:kind/:name': entityRouteRef,
    },
  });
}
