import '@testing-library/jest-dom';

// jsdom has no layout: charts that size themselves to their container need a ResizeObserver.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= ResizeObserverStub;

// Component tests drive the real UI with userEvent; on a busy 2-core CI machine one takes several seconds.
jest.setTimeout(20_000);
