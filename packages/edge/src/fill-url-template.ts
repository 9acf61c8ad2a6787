// Templates come from the published config (a handful): each is split once, not per request.
const compiled = new Map<string, string[]>();

/**
 * Fills `{name}` placeholders of a URL template, each value URL-encoded; unknown
 * placeholders are left out rather than leaking braces into the URL.
 * @example fillUrlTemplate('https://b.example/c?plan={plan}', { plan: 'team pro' }) // 'https://b.example/c?plan=team%20pro'
 */
export function fillUrlTemplate(template: string, values: Record<string, string | number>): string {
  let parts = compiled.get(template);
  if (parts === undefined) {
    // Literal, name, literal, name, …, literal.
    parts = template.split(/\{(\w+)\}/);
    if (compiled.size >= 256) compiled.clear();
    compiled.set(template, parts);
  }
  let url = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] as string;
    if (name in values) url += encodeURIComponent(String(values[name]));
    url += parts[i + 1] ?? '';
  }
  return url;
}
