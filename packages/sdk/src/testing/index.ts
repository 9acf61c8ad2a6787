export { createTestHeadroom, type TestHeadroom, type TestHeadroomOptions } from './create-test-headroom.ts';
export { type EdgeHandlersOptions, edgeHandlers } from './edge-handlers.ts';
export { unsignedToken } from './unsigned-token.ts';
