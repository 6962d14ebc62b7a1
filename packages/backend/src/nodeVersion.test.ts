import { unsupportedNodeReason } from './nodeVersion';

describe('the Node.js version check at start', () => {
  it('accepts the supported releases and names the problem for others', () => {
    expect(unsupportedNodeReason('22.12.0')).toBeUndefined();
    expect(unsupportedNodeReason('24.21.0')).toBeUndefined();
    expect(unsupportedNodeReason('20.20.2')).toMatch(
      /^Node\.js 20\.20\.2 is not supported: the Cairn portal runs on Node\.js 22 or 24/,
    );
    expect(unsupportedNodeReason('26.0.0')).toMatch(/not supported/);
  });

  it('agrees with the root package.json', () => {
    // eslint-disable-next-line @backstage/no-relative-monorepo-imports
    const root = require('../../../package.json');
    expect(root.engines.node).toBe('22 || 24');
  });
});
