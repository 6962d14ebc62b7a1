import '@testing-library/jest-dom';

// jsdom has no layout: charts that size themselves to their container need a ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;
