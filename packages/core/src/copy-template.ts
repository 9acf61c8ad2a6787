/** Placeholders a copy template may use; anything else is a config error. */
export const COPY_PLACEHOLDERS = [
  'percent',
  'used',
  'limit',
  'meter',
  'plan',
  'nextPlan',
  'nextLimit',
  'feature',
  'count',
  'adoptedPercent',
  'nextPlanFeatures',
] as const;

/** A placeholder name copy may use. */
export type CopyPlaceholder = (typeof COPY_PLACEHOLDERS)[number];

/** Values for a copy template, already formatted for the reader's locale. */
export type CopyValues = Partial<Record<CopyPlaceholder, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Names of every `{placeholder}` in a template, in order of appearance. */
export function placeholdersIn(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(PLACEHOLDER)) names.push(match[1] ?? '');
  return names;
}

/** True when `name` is a placeholder copy may use. */
export function isCopyPlaceholder(name: string): name is CopyPlaceholder {
  return (COPY_PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Fills `{placeholder}`s with pre-formatted values. A placeholder without a value is left
 * out (replaced by an empty string) so half-known context never shows raw braces to a user.
 * The result is plain text: callers render it as text, never as HTML.
 */
export function fillCopy(template: string, values: CopyValues): string {
  return template.replace(PLACEHOLDER, (_, name: string) =>
    isCopyPlaceholder(name) ? (values[name] ?? '') : '',
  );
}
