/** @jsxRuntime classic */
/** @jsx h */
import type { ComponentChildren, JSX } from 'preact';
import { useHeadroom } from './headroom-context.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h } from './peers.ts';

type RootProps = Omit<JSX.HTMLAttributes<HTMLDivElement>, 'class' | 'dir' | 'lang'> & {
  class?: string | undefined;
  children?: ComponentChildren;
};

/** The outer element of every widget: theme, direction, language and the `root` part. */
export function WidgetRoot({ class: className, children, ...rest }: RootProps) {
  const { fmt, theme } = useHeadroom();
  return (
    <div
      {...rest}
      class={className ? `hr ${className}` : 'hr'}
      data-theme={theme}
      dir={fmt.dir}
      lang={fmt.locale}
      part="root"
    >
      {children}
    </div>
  );
}
