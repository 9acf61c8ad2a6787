import type { EdgeApp } from './create-edge-app.ts';
import type { EdgeContext } from './edge-context.ts';
import type { PlainRoutes } from './plain-route.ts';
import type { RequestPipeline } from './request-pipeline.ts';

/** Where an `EdgeApp` keeps what the Node server's fast path needs (not public API). */
export const EDGE_INTERNALS: unique symbol = Symbol('headroom.edgeInternals');

/** The app's context, pipeline and plain routes, shared with the Node fast path. */
export interface EdgeInternals {
  ctx: EdgeContext;
  pipeline: RequestPipeline;
  routes: PlainRoutes;
  /** True once the key is imported and the initial config published. */
  isReady(): boolean;
}

/** The internals of an app made by `createEdgeApp`; undefined for any other fetch app. */
export function edgeInternalsOf(app: EdgeApp): EdgeInternals | undefined {
  return (app as EdgeApp & { [EDGE_INTERNALS]?: EdgeInternals })[EDGE_INTERNALS];
}
