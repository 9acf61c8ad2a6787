import { createHeadroom, createMemoryStorage, type Headroom } from '@headroom/sdk';
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import acme from '../../core/examples/acme.config.json' with { type: 'json' };
import { GateWall, InviteNudge, UpgradePrompt, UsageBar } from '../src/index.ts';
import { config } from './fixtures.ts';
import { renderWith } from './render.tsx';

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
// The SDK only decodes the token for display; the (fake) edge would verify it.
const token = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({
  sub: 'acct_real',
  uid: 'user_real',
  plan: 'team',
  acv: 1440,
  segment: 'smb',
  seats: 10,
  activatedAt: '2025-01-01',
  exp: 4_102_444_800,
})}.sig`;

let hr: Headroom | undefined;
afterEach(async () => {
  await hr?.shutdown();
  hr = undefined;
});

function realClient(routes: string[]) {
  const fetch = async (input: string, init?: RequestInit) => {
    const url = new URL(input);
    routes.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (url.pathname === '/v1/route') {
      return Response.json({
        route: 'self_serve',
        reasons: ['below_assist_threshold'],
        expansionAcv: 2760,
        checkoutUrl: 'https://billing.example.com/checkout?plan=business',
      });
    }
    if (url.pathname === '/v1/events')
      return Response.json({ accepted: 0, duplicates: 0, rejected: 0 }, { status: 202 });
    return Response.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 });
  };
  hr = createHeadroom({
    endpoint: 'https://edge.test',
    token,
    config,
    platform: { fetch, storage: createMemoryStorage() },
  });
  return hr;
}

describe('widgets on the real SDK (inline config, fake edge)', () => {
  it('bars follow hr.meter, the gate wall records through the SDK, and the CTA routes via /v1/route', async () => {
    const routes: string[] = [];
    const client = realClient(routes);
    await client.ready();
    client.meter('docs').set(850);
    const { navigations } = renderWith(
      client,
      <>
        <UsageBar meter="docs" />
        <GateWall feature="audit_log">audit</GateWall>
        <UpgradePrompt surface="banner" />
      </>,
    );
    expect(screen.getByText('850 of 1,000 documents', { exact: false })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Documents' });
    expect(bar.getAttribute('aria-valuenow')).toBe('850');
    expect(screen.getByRole('heading', { name: 'Audit log is part of Business' })).toBeTruthy();
    expect(screen.queryByText('audit')).toBeNull();

    client.meter('docs').set(1000);
    await waitFor(() => expect(screen.getByText('Limit reached')).toBeTruthy());

    // The SDK's orchestrator picks the usage prompt; its copy is an experiment variant.
    const banner = await screen.findByRole('region', {
      name: /You've used 100% of your documents|Your team is growing fast/,
    });
    expect(banner).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Upgrade to Business' })[0]!);
    await waitFor(() => expect(navigations).toEqual(['https://billing.example.com/checkout?plan=business']));
    expect(routes).toContain('POST /v1/route');
  });

  it('an invite nudge mounted before the config loads appears once GET /v1/config answers', async () => {
    let answer: (() => void) | undefined;
    const configServed = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const fetch = async (input: string) => {
      const { pathname } = new URL(input);
      if (pathname === '/v1/config') {
        await configServed;
        return Response.json(acme, { headers: { etag: '"c1"' } });
      }
      return Response.json({ accepted: 0, duplicates: 0, rejected: 0 }, { status: 202 });
    };
    hr = createHeadroom({
      endpoint: 'https://edge.test',
      token,
      platform: { fetch, storage: createMemoryStorage() },
    });
    renderWith(hr, <InviteNudge context="share" subject="Q3 plan" />);
    expect(hr.invites.canNudge('share')).toBe(false);
    expect(screen.queryByRole('heading')).toBeNull();
    answer?.();
    await hr.ready();
    expect(await screen.findByRole('heading', { name: 'Invite a teammate to review Q3 plan' })).toBeTruthy();
    // Shown once: the SDK's cap now says no, and the nudge stays on screen.
    expect(hr.invites.canNudge('share')).toBe(false);
    fireEvent.input(screen.getByLabelText('Email address'), { target: { value: 'ana' } });
    expect(screen.getByRole('heading', { name: 'Invite a teammate to review Q3 plan' })).toBeTruthy();
  });
});
