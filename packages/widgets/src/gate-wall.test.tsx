import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { account, config } from '../test/fixtures.ts';
import { renderWith } from '../test/render.tsx';
import { GateWall } from './index.ts';
import { createFakeHeadroom } from './testing/index.ts';

describe('GateWall', () => {
  it('renders the feature when the plan includes it, without a gate hit', () => {
    const hr = createFakeHeadroom({ config, account: account('business') });
    renderWith(hr, <GateWall feature="sso">SSO settings</GateWall>);
    expect(screen.getByText('SSO settings')).toBeTruthy();
    expect(hr.callsOf('gate.hit')).toEqual([]);
  });

  it('otherwise records one gate hit and says which plan unlocks it', async () => {
    const hr = createFakeHeadroom({ config, account: account('team') });
    const { navigations } = renderWith(hr, <GateWall feature="audit_log">secret</GateWall>);
    expect(screen.queryByText('secret')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Audit log is part of Business' })).toBeTruthy();
    expect(hr.callsOf('gate.hit')).toEqual([['audit_log']]);
    fireEvent.click(screen.getByRole('button', { name: 'Upgrade to Business' }));
    expect(hr.callsOf('upgrade')).toEqual([[{ plan: 'business', source: 'gate:audit_log' }]]);
    await waitFor(() => expect(navigations.length).toBe(1));
  });

  it('opens up as soon as the plan changes', async () => {
    const hr = createFakeHeadroom({ config, account: account('free') });
    renderWith(hr, <GateWall feature="comments">comments</GateWall>);
    expect(screen.getByRole('heading', { name: 'Comments is part of Team' })).toBeTruthy();
    hr.$account.set(account('team'));
    expect(await screen.findByText('comments')).toBeTruthy();
  });

  it('names the feature readably by default and takes an explicit label', () => {
    const hr = createFakeHeadroom({ config, account: account('free') });
    const { container } = renderWith(
      hr,
      <>
        <GateWall feature="sso" />
        <GateWall feature="version_history" />
        <GateWall feature="automations" label="Workflow automations" />
      </>,
    );
    expect(screen.getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'SSO is part of Business',
      'Version history is part of Team',
      'Workflow automations is part of Business',
    ]);
    expect(container.textContent).not.toContain('Sso');
  });

  it('without a plan that unlocks it, says so and offers no upgrade', () => {
    const strict = createFakeHeadroom({
      config: {
        ...config,
        plans: { ...config.plans, enterprise: { ...config.plans.enterprise!, features: [] } },
      },
      account: account('team'),
    });
    renderWith(strict, <GateWall feature="teleport" label="Teleport" />);
    expect(screen.getByRole('heading').textContent).toBe('Teleport is not available on your plan.');
    expect(screen.queryByRole('button')).toBeNull();
  });
});
