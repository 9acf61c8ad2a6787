// A package README's "## Example": the first ```ts or ```tsx block under that heading. The
// consumer smoke test type-checks it against the packed tarballs, so the example a product
// engineer copies compiles.
export interface ReadmeExample {
  language: 'ts' | 'tsx';
  code: string;
}

export function readmeExample(readme: string): ReadmeExample | undefined {
  const section = /^## Example\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  const block = section && /^```(tsx?)\n([\s\S]*?)^```/m.exec(section);
  if (!block?.[1] || block[2] === undefined) return undefined;
  return { language: block[1] === 'tsx' ? 'tsx' : 'ts', code: block[2] };
}
