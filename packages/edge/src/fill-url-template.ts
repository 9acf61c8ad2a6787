/**
 * Fills `{name}` placeholders of a URL template, each value URL-encoded; unknown
 * placeholders are left out rather than leaking braces into the URL.
 * @example fillUrlTemplate('https://b.example/c?plan={plan}', { plan: 'team pro' }) // 'https://b.example/c?plan=team%20pro'
 */
export function fillUrlTemplate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in values ? encodeURIComponent(String(values[name])) : '',
  );
}
