/** Replaces `{name}` in a UI message with `values[name]`; unknown names become empty text. */
export function interpolate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
}
