/** @jsxRuntime classic */
/** @jsx h */
import type { ComponentChildren, JSX } from 'preact';
import { useHeadroom } from './headroom-context.ts';
// biome-ignore lint/correctness/noUnusedImports: `h` is this file's JSX factory (classic runtime, see peers.ts)
import { h } from './peers.ts';

type RootProps = Omit<JSX.HTMLAttributes<HTMLDivElement>, 'class' | 'dir' | 'lang'> & {
  /** The whole class list, `hr` first. @default 'hr' */
  class?: string;
  children?: ComponentChildren;
};

/** The outer element of every widget: theme, direction, language and the `root` part. */
export function WidgetRoot(props: RootProps) {
  const { fmt, theme } = useHeadroom();
  return <div class="hr" {...props} data-theme={theme} dir={fmt.dir} lang={fmt.locale} part="root" />;
}
