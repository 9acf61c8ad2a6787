/** @jsxRuntime classic */
/** @jsx h */
import type { Headroom } from '@headroom/sdk';
import type { ComponentChildren, FunctionComponent } from 'preact';
import { HeadroomContext } from './headroom-context.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { Component, h, useContext } from './peers.ts';

interface BoundaryProps {
  name: string;
  client: Headroom | undefined;
  children?: ComponentChildren;
}

/** Renders nothing after a render error and reports it, so a widget never breaks the page. */
class WidgetBoundary extends Component<BoundaryProps, { failed: boolean }> {
  override state = { failed: false };

  override componentDidCatch(error: unknown) {
    this.setState({ failed: true });
    try {
      this.props.client?.diagnostics.report(error, this.props.name);
    } catch {
      // Reporting must not throw into the host either.
    }
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** Wraps a widget in its error boundary; `name` is what diagnostics report. */
/* @__NO_SIDE_EFFECTS__ */
export function withBoundary<P extends object>(name: string, Inner: FunctionComponent<P>) {
  function Bounded(props: P) {
    const ctx = useContext(HeadroomContext);
    return (
      <WidgetBoundary name={name} client={ctx?.client}>
        <Inner {...props} />
      </WidgetBoundary>
    );
  }
  Bounded.displayName = name;
  return Bounded;
}
