export { fakeBackend, never, errorReply } from './fakeBackend';
export type { FakeReply, FakeRouteHandler } from './fakeBackend';
