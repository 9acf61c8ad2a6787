import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { account, config } from './fixtures.ts';

// The shipped artefact (minified, split into entries + a shared chunk, internal props mangled),
// not src: `pnpm build` makes it. Typed from src and loaded by URL, so the typecheck (which runs
// before the build on a fresh clone) needs no dist.
// By string: happy-dom's global URL does not resolve against a file: base.
const dist = (path: string) => import.meta.url.replace(/\/test\/[^/]*$/, `/dist/${path}`);
const distFile = (path: string) => decodeURIComponent(dist(path).replace(/^file:\/\//, ''));
const { HeadroomProvider, UsageBar } = (await import(dist('index.js'))) as typeof import('../src/index.ts');
const { createFakeHeadroom } = (await import(
  dist('testing/index.js')
)) as typeof import('../src/testing/index.ts');
const { setDefaultClient } = (await import(dist('elements.js'))) as typeof import('../src/elements.ts');

const SIX = 'HeadroomProvider, UsageBar, UsageSummary, UpgradePrompt, GateWall, InviteNudge';
const index = JSON.stringify(distFile('index.js'));

/** Bundles a page's entry against the built dist, peers and workspace packages external. */
async function bundle(contents: string): Promise<string> {
  const result = await build({
    stdin: {
      contents,
      loader: 'js',
      resolveDir: distFile(''),
    },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    external: ['preact', 'preact/*', '@preact/signals', 'nanostores', '@headroom/core', '@headroom/sdk'],
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

describe('the built dist', () => {
  it('renders a UsageBar with its text and progressbar, and routes its upgrade CTA', async () => {
    const client = createFakeHeadroom({ config, account: account('team'), usage: { api_calls: 82_000 } });
    const navigations: string[] = [];
    render(
      <HeadroomProvider client={client} locale="en-US" onNavigate={(url) => navigations.push(url)}>
        <UsageBar meter="api_calls" />
      </HeadroomProvider>,
    );
    expect(screen.getByText('82K of 100K calls', { exact: false })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'API calls' });
    expect(bar.getAttribute('aria-valuetext')).toBe('82,000 of 100,000 calls, 82%. Approaching limit');
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    await waitFor(() => expect(navigations).toHaveLength(1));
    expect(client.callsOf('upgrade')).toEqual([[{ plan: 'business', source: 'usage_bar:api_calls' }]]);
    expect(navigations).toEqual(['https://billing.example.com/checkout?plan=business']);
    expect(screen.getByRole('status').textContent).toContain('Opening checkout…');
  });

  it('registers custom elements that render into a shadow root, German for locale="de"', async () => {
    setDefaultClient(createFakeHeadroom({ config, account: account('free'), usage: { docs: 50 } }));
    const element = document.createElement('headroom-usage-bar');
    element.setAttribute('meter', 'docs');
    element.setAttribute('locale', 'de');
    document.body.append(element);
    try {
      await waitFor(() => expect(element.shadowRoot?.querySelector('[role=progressbar]')).toBeTruthy());
      const bar = element.shadowRoot?.querySelector('[role=progressbar]');
      expect(bar?.getAttribute('aria-valuetext')).toBe('50 von 50 documents, 100\u00a0%. Limit erreicht');
      expect(element.shadowRoot?.querySelector('[part~=root]')?.getAttribute('lang')).toBe('de');
    } finally {
      element.remove();
      setDefaultClient(null);
    }
  });

  it('tree-shakes: a page that imports only UsageBar gets no other widget', async () => {
    const [bar, all] = await Promise.all([
      bundle(`export { HeadroomProvider, UsageBar } from ${index};`),
      bundle(`export { ${SIX} } from ${index};`),
    ]);
    for (const name of ['InviteNudge', 'GateWall', 'UpgradePrompt', 'UsageSummary']) {
      expect(bar).not.toContain(`"${name}"`);
      expect(all).toContain(`"${name}"`);
    }
    expect(bar).not.toContain('aria-modal');
    expect(bar.length).toBeLessThan(all.length * 0.75);
  });

  it('a page with the components and the elements carries the widgets once (shared chunk)', async () => {
    const both = await bundle(
      `import ${JSON.stringify(distFile('elements.js'))};\nexport { ${SIX} } from ${index};`,
    );
    expect(both.split(':host{display:contents}')).toHaveLength(2);
    expect(both.split('No <HeadroomProvider> above this widget')).toHaveLength(2);
  });
});
