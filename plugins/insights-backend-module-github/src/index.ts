/**
 * GitHub webhooks for Cairn delivery insights (a module of the `insights` backend plugin).
 *
 * @packageDocumentation
 */
export { insightsModuleGithub as default } from './module';
