import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { insightsSliExtensionPoint } from '@cairn/plugin-insights-node';
import { PrometheusSliSource } from './PrometheusSliSource';

/**
 * Prometheus as an SLI data source of the insights backend: SLOs whose OpenSLO metric sources are of
 * type Prometheus are read from `insights.prometheus.url`.
 */
export const insightsModulePrometheus = createBackendModule({
  pluginId: 'insights',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        sli: insightsSliExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ sli, config, logger }) {
        const url = config.getOptionalString('insights.prometheus.url');
        if (!url) {
          logger.warn(
            'Prometheus SLI source disabled: insights.prometheus.url is not set. SLOs read from Prometheus show no data until it is.',
          );
          return;
        }
        const headers = config.getOptionalConfig('insights.prometheus.headers');
        const retries =
          config.getOptionalNumber('insights.prometheus.retries') ?? 2;
        sli.addSliSource(
          new PrometheusSliSource({
            url,
            headers: headers
              ? Object.fromEntries(
                  headers.keys().map(k => [k, headers.getString(k)]),
                )
              : undefined,
            retries,
          }),
        );
        logger.info(`SLI data of Prometheus SLOs is read from ${url}`);
      },
    });
  },
});
