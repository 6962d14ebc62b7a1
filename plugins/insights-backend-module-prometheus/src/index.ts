/**
 * Prometheus as an SLI data source for Cairn SLOs (a module of the `insights` backend plugin).
 *
 * @packageDocumentation
 */
export { insightsModulePrometheus as default } from './module';
export { PrometheusSliSource } from './PrometheusSliSource';
export type { PrometheusOptions } from './PrometheusSliSource';
