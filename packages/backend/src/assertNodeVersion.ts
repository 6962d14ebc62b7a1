import { unsupportedNodeReason } from './nodeVersion';

// Imported first by index.ts, so it runs before any other module of the backend loads.
const unsupported = unsupportedNodeReason();
if (unsupported) {
  // eslint-disable-next-line no-console
  console.error(unsupported);
  process.exit(1);
}
