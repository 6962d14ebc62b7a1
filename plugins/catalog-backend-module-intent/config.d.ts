import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** Cairn's environment registry as catalog Resources. */
      cairnIntent?: {
        /** How often the published environments are refreshed. Default: every minute. */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
