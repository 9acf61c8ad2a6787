// Issue #17, item 2: when the limit or the usage is not known (no config, no account state,
// a token or endpoint problem), widgets say so instead of showing invented numbers.
import { act, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith as renderWithStyles } from '../test/render.tsx';
import { GateWall, UsageBar, UsageSummary } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

const INVENTED = /\d+ of \d|unlimited|%/;

// Without the <style> element, so textContent is the widgets' text only.
const renderWith = (...[hr, ui]: Parameters<typeof renderWithStyles>) =>
  renderWithStyles(hr, ui, { styles: false });

describe('UsageBar with unknown data', () => {
  it.each([
    ['no config (config fetch failed)', { config: null }],
    ['no account state (no token)', { account: null }],
  ])('%s: says usage is unavailable, no numbers, no progressbar', (_, missing) => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    if ('config' in missing) hr.$config.set(null);
    else hr.$account.set(null);
    const { container } = renderWith(hr, <UsageBar meter="docs" />);
    expect(screen.getByText('Usage unavailable')).toBeTruthy();
    expect(container.textContent).not.toMatch(INVENTED);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(container.querySelector('[data-state]')?.getAttribute('data-state')).toBe('unknown');
  });

  it('the edge unreachable and no usage claim: unavailable, not "0 of 1,000"', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    const { container } = renderWith(hr, <UsageBar meter="docs" />);
    expect(screen.getByText('Usage unavailable')).toBeTruthy();
    expect(container.textContent).not.toMatch(INVENTED);
  });

  it('the edge unreachable but the token carries a usage claim: the claim is shown', () => {
    const hr = createFakeHeadroom({
      config,
      account: { ...account('team'), usage: { docs: 40 } },
      status: 'offline',
    });
    renderWith(hr, <UsageBar meter="docs" />);
    expect(screen.getByText('40 of 1,000 documents', { exact: false })).toBeTruthy();
  });

  it('the host reported a value: it is shown even while the edge is unreachable', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    hr.meter('docs').set(12);
    renderWith(hr, <UsageBar meter="docs" />);
    expect(screen.getByText('12 of 1,000 documents', { exact: false })).toBeTruthy();
  });

  it('shows an ellipsis while the SDK starts, and recovers when the data arrives', async () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'loading' });
    hr.$config.set(null);
    const { container } = renderWith(hr, <UsageBar meter="docs" />);
    expect(screen.getByText('…')).toBeTruthy();
    expect(container.textContent).not.toMatch(INVENTED);
    await act(() => {
      hr.$config.set(config);
      hr.$status.set('ready');
    });
    expect(screen.getByText('0 of 1,000 documents', { exact: false })).toBeTruthy();
    expect(screen.getByRole('progressbar')).toBeTruthy();
  });

  it('an unknown meter id is unavailable, not "unlimited"', () => {
    const hr = createFakeHeadroom({ config, account: account('team') });
    const { container } = renderWith(hr, <UsageBar meter="storage" />);
    expect(screen.getByText('Usage unavailable')).toBeTruthy();
    expect(container.textContent).not.toMatch(INVENTED);
  });
});

describe('UsageSummary with unknown data', () => {
  it('no config after start-up: says usage is unavailable', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    hr.$config.set(null);
    const { container } = renderWith(hr, <UsageSummary />);
    expect(screen.getByText('Usage unavailable')).toBeTruthy();
    expect(container.textContent).not.toMatch(INVENTED);
  });

  it('renders nothing while the SDK is still loading its config', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'loading' });
    hr.$config.set(null);
    const { container } = renderWith(hr, <UsageSummary />);
    expect(container.textContent).toBe('');
  });

  it('named meters without a config each say unavailable', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    hr.$config.set(null);
    renderWith(hr, <UsageSummary meters={['seats', 'docs']} />);
    expect(screen.getAllByText('Usage unavailable')).toHaveLength(2);
  });
});

describe('GateWall with unknown entitlement', () => {
  it('fails open (the host server enforces entitlements): content, no paywall, no gate hit, reported once', async () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'offline' });
    hr.$config.set(null);
    const { rerender } = renderWithRerender(hr);
    expect(screen.getByText('Audit log viewer')).toBeTruthy();
    expect(screen.queryByRole('heading')).toBeNull();
    expect(hr.callsOf('gate.hit')).toEqual([]);
    rerender();
    const reports = hr.callsOf('diagnostics.report');
    expect(reports).toHaveLength(1);
    expect(String(reports[0]?.[0])).toMatch(/audit_log.*unknown/);
    expect(hr.diagnostics.$.get().lastError).toMatch(/^GateWall: /);
  });

  it('does not report while the SDK is still loading', () => {
    const hr = createFakeHeadroom({ config, account: account('team'), status: 'loading' });
    hr.$account.set(null);
    renderWith(hr, <GateWall feature="audit_log">Audit log viewer</GateWall>);
    expect(screen.getByText('Audit log viewer')).toBeTruthy();
    expect(hr.callsOf('diagnostics.report')).toEqual([]);
  });
});

function renderWithRerender(hr: ReturnType<typeof createFakeHeadroom>) {
  const ui = () => <GateWall feature="audit_log">Audit log viewer</GateWall>;
  renderWith(hr, ui());
  return {
    rerender: () => {
      // A store change re-renders the wall; the report must not repeat.
      hr.$usage.set({ docs: 1 });
      hr.$status.set('offline');
    },
  };
}
