/** @jsxRuntime classic */
/** @jsx h */
import type { FunctionComponent } from 'preact';
import { HeadroomContext } from './headroom-context.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h, useContext, useErrorBoundary } from './peers.ts';

/**
 * Wraps a widget in an error boundary: after a render error it renders nothing and reports
 * it, so a widget never breaks the page; `name` is what diagnostics report.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withBoundary<P extends object>(name: string, Inner: FunctionComponent<P>) {
  function Bounded(props: P) {
    const ctx = useContext(HeadroomContext);
    const [failed] = useErrorBoundary((error: unknown) => {
      try {
        ctx?.client.diagnostics.report(error, name);
      } catch {
        // Reporting must not throw into the host either.
      }
    });
    return failed ? null : <Inner {...props} />;
  }
  Bounded.displayName = name;
  return Bounded;
}
