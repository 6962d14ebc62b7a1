/*
 * The ownership domain (owner health, knowledge concentration, review concentration): what other
 * domains may use. Scorecards will read ownership facts through this index.
 */
export type { KnowledgeReport } from './engine/knowledge';
export { ownershipFactProvider } from './ownershipFacts';
