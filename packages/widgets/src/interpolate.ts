/**
 * Fills `{name}` in UI text or prompt copy with `values[name]`, as core's `fillCopy` does:
 * anything in braces without an own value becomes empty text, so raw braces (or inherited
 * properties such as `{constructor}`) never reach a user. The result is plain text.
 */
export function interpolate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  return template.replace(
    /\{([^{}]*)\}/g,
    (_, name: string) => (Object.hasOwn(values, name) && values[name]) || '',
  );
}
