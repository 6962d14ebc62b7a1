/*
 * The environments domain: what the intent registry (the intent backend's API) says about the live
 * environments of a team, a system and its components, as facts for scorecard checks. It has no
 * tables; it reads the registry through its API with the plugin's own service credentials.
 */
export { environmentFactProvider } from './environmentFacts';
