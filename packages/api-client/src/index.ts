export { PluginHttp } from './PluginHttp';
export type { PluginHttpOptions, RequestOptions } from './PluginHttp';
