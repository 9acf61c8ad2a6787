import { render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { GateWall, UpgradePrompt, UsageBar } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

describe('error boundary', () => {
  it('a widget that throws renders nothing, reports it, and leaves its neighbours alone', () => {
    const hr = createFakeHeadroom({ config, account: account(), usage: { seats: 4 } });
    hr.gate = () => {
      throw new Error('gate exploded');
    };
    hr.prompts.current = () => {
      throw new Error('orchestrator exploded');
    };
    const { container } = renderWith(
      hr,
      <>
        <GateWall feature="sso">secret</GateWall>
        <UpgradePrompt surface="banner" />
        <UsageBar meter="seats" />
      </>,
      { styles: false },
    );
    expect(screen.getByRole('progressbar', { name: 'Seats' })).toBeTruthy();
    expect(container.textContent).not.toContain('secret');
    const reports = hr.callsOf('diagnostics.report');
    expect(reports.map((r) => [String(r[0]), r[1]])).toEqual([
      ['Error: gate exploded', 'GateWall'],
      ['Error: orchestrator exploded', 'UpgradePrompt'],
    ]);
    expect(hr.diagnostics.$.get().errors).toBe(2);
  });

  it('a widget that throws a falsy non-Error renders nothing and reports it once', () => {
    const hr = createFakeHeadroom({ config, account: account() });
    hr.gate = () => {
      throw '';
    };
    const { container } = renderWith(hr, <GateWall feature="sso">secret</GateWall>, { styles: false });
    expect(container.innerHTML).toBe('');
    expect(hr.callsOf('diagnostics.report')).toEqual([['', 'GateWall']]);
  });

  it('without a provider a widget renders nothing instead of throwing into the host', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { container } = render(<UsageBar meter="seats" />);
    expect(container.innerHTML).toBe('');
    error.mockRestore();
  });
});
