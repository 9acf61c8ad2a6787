import { defineConfig } from '@headroom/core';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import acmeJson from '../../../packages/core/examples/acme.config.json' with { type: 'json' };
import { App } from './app.tsx';

const EDGE = 'http://edge.test';
const TOKEN = 'admin-secret';
const acme = defineConfig(acmeJson);

interface Version {
  version: number;
  config: unknown;
  publishedAt: string;
  note?: string;
  publishedBy?: string;
}
let versions: Version[] = [];
let experiments: unknown[] = [];
const requests: Array<{ method: string; path: string; body: unknown; ifMatch?: string | null }> = [];

const authorized = (request: Request) => request.headers.get('authorization') === `Bearer ${TOKEN}`;
const unauthorized = () =>
  HttpResponse.json({ error: { code: 'invalid_token', message: 'bad admin token' } }, { status: 401 });
const configBody = () => {
  const current = versions[versions.length - 1] ?? null;
  return {
    current,
    versions: versions.map(({ version, publishedAt, note, publishedBy }) => ({
      version,
      publishedAt,
      ...(note ? { note } : {}),
      ...(publishedBy ? { publishedBy } : {}),
    })),
  };
};

const IMPACT = {
  liveVersion: 1,
  evaluatedAt: '2026-11-23T12:00:00.000Z',
  accounts: 100,
  truncated: false,
  eligible: { live: 100, draft: 100 },
  prompts: [
    { promptId: 'usage_upgrade', live: 10, draft: 0, newlySee: 0, stopSeeing: 10 },
    { promptId: 'seat_upgrade', live: 0, draft: 0, newlySee: 0, stopSeeing: 0 },
  ],
  triggers: [{ triggerId: 'usage_ceiling', live: 10, draft: 0, newlyFire: 0, stopFiring: 10 }],
  routes: {
    pqls: { live: 10, draft: 0 },
    live: { self_serve: 10, self_serve_with_assist: 0, cs_assist: 0 },
    draft: { self_serve: 0, self_serve_with_assist: 0, cs_assist: 0 },
    shifts: [{ from: 'self_serve', to: 'not_pql', accounts: 10 }],
  },
};
const emptySlice = {
  activeAccounts: 0,
  activeUsers: 0,
  invitesSent: 0,
  invitesAccepted: 0,
  pqls: 0,
  pqlsJudged: 0,
  pqlsExpanded: 0,
  expansions: 0,
  csAssisted: 0,
  seatArr: 0,
  usageArr: 0,
  tierArr: 0,
  newArr: 0,
  contractionArr: 0,
  churnArr: 0,
  churnedAccounts: 0,
  startingArr: 0,
  payingAccounts: 0,
};
// The insights unit test's hand-worked report (expansion-metrics.test.ts), 120 days to 1 May.
const EXPANSION_REPORT = {
  since: '2026-01-01T00:00:00.000Z',
  until: '2026-05-01T00:00:00.000Z',
  judgedBefore: '2026-03-02T00:00:00.000Z',
  days: 120,
  outcomeDays: 60,
  assistDays: 60,
  total: {
    ...emptySlice,
    activeAccounts: 200,
    activeUsers: 1000,
    invitesSent: 400,
    invitesAccepted: 100,
    pqls: 40,
    pqlsJudged: 20,
    pqlsExpanded: 5,
    expansions: 10,
    csAssisted: 7,
    seatArr: 3000,
    usageArr: 1000,
    tierArr: 4000,
    newArr: 2000,
    contractionArr: 500,
    churnArr: 1500,
    churnedAccounts: 2,
    startingArr: 100_000,
    payingAccounts: 50,
  },
  weeks: [
    {
      week: '2026-01-05',
      ...emptySlice,
      activeAccounts: 100,
      pqls: 5,
      pqlsJudged: 5,
      pqlsExpanded: 2,
      expansions: 2,
      seatArr: 1500,
    },
    { week: '2026-04-27', ...emptySlice, activeAccounts: 90, pqls: 3 },
  ],
  segments: {
    smb: { ...emptySlice, activeAccounts: 150, pqls: 30, startingArr: 40_000, seatArr: 2000, churnArr: 1500 },
  },
  triggers: [
    {
      triggerId: 'usage_ceiling',
      pqls: 30,
      judged: 15,
      expanded: 4,
      attributed: 4,
      medianMsToExpansion: 5 * 86_400_000,
    },
  ],
};

const share = (successes: number, trials: number, lower: number, upper: number) => ({
  value: successes / trials,
  successes,
  trials,
  lower,
  upper,
});
const figures = (fired: number, falsePositives: number, verdict: string, band: string) => ({
  id: 'usage_ceiling',
  kind: 'meter_ratio',
  fireRate: share(fired, 100, 0.05, 0.3),
  quarters: [
    {
      quarter: '2026-Q2',
      eligibleAccounts: 100,
      firedAccounts: fired,
      fireRate: fired / 100,
      lower: 0.05,
      upper: 0.3,
    },
  ],
  preceded: { ...share(10, 10, 0.7225, 1), medianLeadDays: 20 },
  falsePositiveRate: share(falsePositives, fired, 0, 0.7),
  censored: 0,
  verdict,
  band,
  message: `${verdict}.`,
});
const BACKTEST_RESULT = {
  type: 'result',
  from: '2026-05-01T10:00:00.000Z',
  to: '2026-10-15T00:00:00.000Z',
  events: 111,
  accounts: 101,
  accountsWithoutClaims: 1,
  expansions: 12,
  neverEligibleExpansions: 2,
  settings: { lookbackDays: 90, outcomeDays: 90, quietDays: 30 },
  triggers: [
    {
      id: 'usage_ceiling',
      draft: figures(10, 0, 'automate', 'within'),
      live: figures(20, 10, 'inconclusive', 'above'),
    },
  ],
};

const server = setupServer(
  http.get(`${EDGE}/v1/admin/config`, ({ request }) =>
    authorized(request) ? HttpResponse.json(configBody()) : unauthorized(),
  ),
  http.put(`${EDGE}/v1/admin/config`, async ({ request }) => {
    if (!authorized(request)) return unauthorized();
    const body = (await request.json()) as { config: unknown; note?: string };
    requests.push({
      method: 'PUT',
      path: '/v1/admin/config',
      body,
      ifMatch: request.headers.get('if-match'),
    });
    // Like the edge: a stale If-Match is refused with the winning version's ETag.
    const latest = `"hr-config-${versions.length}"`;
    const ifMatch = request.headers.get('if-match');
    if (ifMatch !== null && ifMatch !== latest) {
      return HttpResponse.json(
        {
          error: {
            code: 'precondition_failed',
            message: `someone else published version ${versions.length}`,
          },
        },
        { status: 412, headers: { etag: latest } },
      );
    }
    const version = versions.length + 1;
    versions.push({
      version,
      config: body.config,
      publishedAt: new Date(Date.UTC(2025, 5, version)).toISOString(),
      ...(body.note ? { note: body.note } : {}),
      // The label of the admin token, as the edge records it.
      publishedBy: 'ana',
    });
    return HttpResponse.json({ version }, { status: 201 });
  }),
  http.get(`${EDGE}/v1/admin/config/versions/:version`, ({ request, params }) => {
    if (!authorized(request)) return unauthorized();
    requests.push({ method: 'GET', path: `/v1/admin/config/versions/${params.version}`, body: null });
    const found = versions.find((v) => v.version === Number(params.version));
    return found
      ? HttpResponse.json(found)
      : HttpResponse.json({ error: { code: 'not_found', message: 'no such version' } }, { status: 404 });
  }),
  http.post(`${EDGE}/v1/admin/config/rollback`, async ({ request }) => {
    if (!authorized(request)) return unauthorized();
    const body = (await request.json()) as { version: number };
    requests.push({ method: 'POST', path: '/v1/admin/config/rollback', body });
    const old = versions.find((v) => v.version === body.version)!;
    const version = versions.length + 1;
    versions.push({
      version,
      config: old.config,
      publishedAt: new Date(Date.UTC(2025, 5, version)).toISOString(),
      note: `rollback to v${body.version}`,
    });
    return HttpResponse.json({ version }, { status: 201 });
  }),
  http.post(`${EDGE}/v1/admin/config/impact`, async ({ request }) => {
    if (!authorized(request)) return unauthorized();
    requests.push({ method: 'POST', path: '/v1/admin/config/impact', body: await request.json() });
    return HttpResponse.json(IMPACT);
  }),
  http.post(`${EDGE}/v1/admin/backtest`, async ({ request }) => {
    if (!authorized(request)) return unauthorized();
    requests.push({ method: 'POST', path: '/v1/admin/backtest', body: await request.json() });
    const lines = [
      { type: 'start', totalEvents: 111 },
      { type: 'progress', events: 111, totalEvents: 111 },
      BACKTEST_RESULT,
    ];
    return new HttpResponse(lines.map((l) => `${JSON.stringify(l)}\n`).join(''), {
      headers: { 'content-type': 'application/x-ndjson' },
    });
  }),
  http.get(`${EDGE}/v1/admin/experiments`, ({ request }) =>
    authorized(request) ? HttpResponse.json({ experiments }) : unauthorized(),
  ),
  http.get(`${EDGE}/v1/admin/expansion`, ({ request }) => {
    if (!authorized(request)) return unauthorized();
    const url = new URL(request.url);
    requests.push({ method: 'GET', path: `${url.pathname}${url.search}`, body: null });
    return HttpResponse.json(EXPANSION_REPORT);
  }),
  http.get(`${EDGE}/v1/admin/holdouts`, ({ request }) =>
    authorized(request)
      ? HttpResponse.json({
          since: '2025-01-01T00:00:00.000Z',
          judgedBefore: '2025-11-01T00:00:00.000Z',
          outcomeDays: 60,
          triggers: [
            // Newcombe's published example: 56/70 vs 48/80, +20.0 pts (5.2 to 33.4).
            {
              triggerId: 'usage_ceiling',
              holdout: 0.1,
              exposed: { accounts: 70, expanded: 56, amount: 168_000, amountSquares: 504e6, pending: 2 },
              heldOut: { accounts: 80, expanded: 48, amount: 144_000, amountSquares: 432e6, pending: 1 },
            },
            {
              triggerId: 'seat_saturation',
              holdout: 0.1,
              exposed: { accounts: 40, expanded: 4, amount: 0, amountSquares: 0, pending: 0 },
              heldOut: { accounts: 5, expanded: 0, amount: 0, amountSquares: 0, pending: 0 },
            },
          ],
          definitions: { accounts: 'eligible accounts whose first fire …' },
        })
      : unauthorized(),
  ),
  http.get(`${EDGE}/v1/admin/funnel`, ({ request }) => {
    if (!authorized(request)) return unauthorized();
    const days = new URL(request.url).searchParams.get('days');
    return HttpResponse.json({
      since: days === '30' ? '2025-05-01T00:00:00.000Z' : '2025-03-01T00:00:00.000Z',
      byTrigger: [
        {
          triggerId: 'usage_ceiling',
          fired: 200,
          shown: 150,
          clicked: 30,
          routed: 20,
          completed: 10,
          medianMsToUpgrade: 2.5 * 86_400_000,
        },
        {
          triggerId: 'seat_saturation',
          fired: 0,
          shown: 0,
          clicked: 0,
          routed: 0,
          completed: 0,
          medianMsToUpgrade: null,
        },
      ],
      routes: { self_serve: 12, self_serve_with_assist: 6, cs_assist: 2 },
    });
  }),
  http.get(`${EDGE}/v1/admin/handoffs`, () =>
    HttpResponse.json({
      handoffs: [
        {
          id: 'ho_1',
          accountId: 'acct_big',
          status: 'delivered',
          attempts: 1,
          createdAt: '2025-06-01T10:00:00Z',
          deliveredAt: '2025-06-01T10:00:02Z',
          lastError: null,
          payload: {},
        },
        {
          id: 'ho_2',
          accountId: 'acct_mid',
          status: 'failed',
          attempts: 5,
          createdAt: '2025-06-02T10:00:00Z',
          deliveredAt: null,
          lastError: 'HTTP 503 from webhook',
          payload: {},
        },
      ],
    }),
  ),
  http.get(`${EDGE}/v1/admin/pqls`, () =>
    HttpResponse.json({
      accounts: [
        {
          accountId: 'acct_small',
          plan: 'free',
          segment: 'smb',
          activeTriggers: ['usage_ceiling'],
          signals: 1,
          potentialExpansionAcv: 1440,
          firstPqlAt: '2025-05-01T00:00:00Z',
        },
        {
          accountId: 'acct_big',
          plan: 'team',
          segment: 'mid_market',
          activeTriggers: ['seat_saturation', 'collaboration_surge'],
          signals: 2,
          potentialExpansionAcv: 42000,
          firstPqlAt: '2025-04-01T00:00:00Z',
        },
        {
          accountId: 'acct_unknown',
          plan: 'business',
          segment: 'enterprise',
          activeTriggers: ['feature_exploration'],
          signals: 1,
          potentialExpansionAcv: null,
          firstPqlAt: null,
        },
      ],
      suppressed: [
        {
          accountId: 'acct_churning',
          plan: 'team',
          segment: 'smb',
          activeTriggers: ['usage_ceiling', 'seat_saturation'],
          signals: 2,
          potentialExpansionAcv: 2760,
          suppressedBecause: ['low_health', 'churn_risk'],
        },
      ],
    }),
  ),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
afterEach(() => server.resetHandlers());
beforeEach(() => {
  versions = [{ version: 1, config: acme, publishedAt: '2025-06-01T09:00:00.000Z', note: 'initial' }];
  experiments = [
    {
      id: 'usage_copy',
      goal: 'upgrade_completed',
      unit: 'account',
      conversionWindowDays: 30,
      variants: [
        { id: 'control', weight: 50, exposures: 1000, conversions: 50 },
        { id: 'momentum', weight: 50, exposures: 1000, conversions: 80 },
      ],
    },
  ];
  requests.length = 0;
  sessionStorage.clear();
  location.hash = '';
});

const fetchThrough: typeof fetch = (input, init) => globalThis.fetch(input, init);
const signedIn = (hash = '') => {
  sessionStorage.setItem('headroom.console.session', JSON.stringify({ endpoint: EDGE, token: TOKEN }));
  location.hash = hash;
  return render(<App storage={sessionStorage} defaultEndpoint={EDGE} fetch={fetchThrough} />);
};

describe('sign-in', () => {
  it('rejects a wrong token, accepts the right one and keeps it for the tab only', async () => {
    render(<App storage={sessionStorage} defaultEndpoint={EDGE} fetch={fetchThrough} />);
    expect(screen.getByLabelText('Edge endpoint')).toHaveProperty('value', EDGE);
    fireEvent.input(screen.getByLabelText('Admin token'), { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('That admin token was not accepted.');
    expect(sessionStorage.getItem('headroom.console.session')).toBeNull();

    fireEvent.input(screen.getByLabelText('Admin token'), { target: { value: TOKEN } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('navigation', { name: 'Console sections' })).toBeTruthy();
    expect(JSON.parse(sessionStorage.getItem('headroom.console.session')!)).toEqual({
      endpoint: EDGE,
      token: TOKEN,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(screen.getByLabelText('Admin token')).toBeTruthy();
    expect(sessionStorage.getItem('headroom.console.session')).toBeNull();
  });
});

describe('experiments', () => {
  it('shows rates with intervals, lift, p-values, probability to beat control and the sequential verdict', async () => {
    signedIn('#experiments');
    const table = await screen.findByRole('table', { name: /Per-variant results for usage_copy/ });
    const momentum = within(table).getByRole('row', { name: /momentum/ });
    expect(momentum.textContent).toContain('8.0% (6.5% – 9.8%)');
    // The lift interval is the always-valid one the verdict reads (#19): p = 0.0065 at 1,000
    // per arm is a fixed-horizon result, not a call that holds under daily reading.
    expect(
      within(table).getByRole('columnheader', { name: 'Lift vs control (95% always-valid CI)' }),
    ).toBeTruthy();
    expect(momentum.textContent).toContain('+3.0 pts (−0.4 pts to +6.4 pts)');
    expect(momentum.textContent).toContain('0.1220');
    expect(momentum.textContent).toContain('0.0065');
    expect(momentum.textContent).toContain('99.7%');
    expect(
      screen.getByText(
        /No significant difference yet \(momentum vs control: \+3\.0 pts, 95% always-valid CI/,
      ),
    ).toBeTruthy();
    expect(screen.getByText(/reading it every day does not raise the false-call rate/)).toBeTruthy();
    expect(screen.getByRole('img', { name: /momentum 8\.0% \(95% CI 6\.5% to 9\.8%\)/ })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reads fixed-horizon on request: provisional until the planned exposures', async () => {
    signedIn('#experiments');
    await screen.findByRole('table', { name: /Per-variant results for usage_copy/ });
    fireEvent.change(screen.getByLabelText('Verdict'), { target: { value: 'fixed_horizon' } });
    expect(await screen.findByText(/momentum wins: 8\.0% vs 5\.0%/)).toBeTruthy();
    expect(screen.getByText(/Winner \(provisional\)\./)).toBeTruthy();
    const momentum = screen.getByRole('row', { name: /momentum/ });
    expect(momentum.textContent).toContain('+3.0 pts (+0.8 pts to +5.2 pts)');
    fireEvent.input(screen.getByLabelText('Planned exposures per variant'), { target: { value: '1000' } });
    expect(await screen.findByText(/^Winner\.$/)).toBeTruthy();
    expect(screen.getByText(/100% of the planned 1,000 exposures per variant/)).toBeTruthy();
  });

  it('plans a sample size', async () => {
    signedIn('#experiments');
    fireEvent.input(await screen.findByLabelText('Exposures per day (all variants)'), {
      target: { value: '400' },
    });
    expect(screen.getByText(/8,158 exposures per variant \(16,316 in all\), about 41 days/)).toBeTruthy();
  });

  it('lists a retired variant without a false sample ratio mismatch', async () => {
    experiments = [
      {
        id: 'usage_copy',
        goal: 'upgrade_completed',
        unit: 'account',
        conversionWindowDays: 30,
        variants: [
          { id: 'control', weight: 50, exposures: 5000, conversions: 250 },
          { id: 'momentum', weight: 50, exposures: 5000, conversions: 262 },
          { id: 'urgency', weight: 0, exposures: 900, conversions: 70 },
        ],
      },
    ];
    signedIn('#experiments');
    expect(
      await screen.findByText(
        /Retired \(weight 0, not compared, not in the ratio check\): urgency 900 exposures/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('row', { name: /urgency/ })).toBeNull();
  });

  it('refuses impossible counts with the reason', async () => {
    experiments = [
      {
        id: 'usage_copy',
        goal: 'upgrade_completed',
        unit: 'account',
        conversionWindowDays: 30,
        variants: [
          { id: 'control', weight: 50, exposures: 100, conversions: 120 },
          { id: 'momentum', weight: 50, exposures: 100, conversions: 5 },
        ],
      },
    ];
    signedIn('#experiments');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Cannot analyze usage_copy: .*variants\.0\.conversions: conversions exceed exposures/,
    );
    expect(screen.queryByText(/wins/)).toBeNull();
  });

  it('warns about a sample ratio mismatch and refuses a verdict', async () => {
    experiments = [
      {
        id: 'usage_copy',
        goal: 'upgrade_completed',
        unit: 'account',
        conversionWindowDays: 30,
        variants: [
          { id: 'control', weight: 50, exposures: 5300, conversions: 265 },
          { id: 'momentum', weight: 50, exposures: 4700, conversions: 329 },
        ],
      },
    ];
    signedIn('#experiments');
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /Sample ratio mismatch: exposures 5300 \/ 4700 vs expected 5000 \/ 5000/,
    );
    expect(screen.queryByText(/wins/)).toBeNull();
  });
});

describe('funnel, routes, PQLs', () => {
  it('shows each step with drop-off and the median time to upgrade, per period', async () => {
    signedIn('#funnel');
    // The funnel's own table (the holdouts below it list the same triggers).
    const funnel = await screen.findByRole('table', { name: /Distinct accounts per step/ });
    const row = within(funnel).getByRole('row', { name: /usage_ceiling/ });
    const cells = within(row)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['200', '150 (−25%)', '30 (−80%)', '20 (−33%)', '10 (−50%)', '2.5 days']);
    expect(within(funnel).getByRole('row', { name: /seat_saturation/ }).textContent).toContain('0 (—)');
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: '30' } });
    expect(await screen.findByRole('table', { name: /since 2025-05-01/ })).toBeTruthy();
  });

  it('shows each held-out trigger’s lift with its intervals and verdict', async () => {
    signedIn('#funnel');
    const table = await screen.findByRole('table', { name: /shown its prompt or held out of it/ });
    const cells = (name: RegExp) =>
      within(within(table).getByRole('row', { name }))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    expect(cells(/usage_ceiling/)).toEqual([
      '10%',
      '56 of 70 (80.0%)',
      '48 of 80 (60.0%)',
      '+20.0 pts (+5.2 pts to +33.4 pts)',
      '$600 ($170 to $1,030)',
      'Causes expansion',
      '3',
    ]);
    // Five held-out accounts: the figures, but no verdict.
    expect(cells(/seat_saturation/)).toContain('Too few accounts to tell');
  });

  it('shows the expansion formula with its binding term, NRR by source, red flags, segments, weeks and a CSV', async () => {
    signedIn('#expansion');
    expect(await screen.findByRole('heading', { name: 'Expansion metrics' })).toBeTruthy();
    // 200 × 5 % × 25 % × $1,000 ÷ 12 = $208; conversion at 71 % of its 35 % reference binds.
    expect((await screen.findByText(/^Expansion MRR/)).textContent).toBe('Expansion MRR $208');
    expect(screen.getByText(/Binding term/).textContent).toBe(
      'Binding term: PQL → expansion, at 71% of its reference (35%) — at the reference: $292 a month',
    );
    expect(screen.getByText(/= 100 % \+ seat/).textContent).toBe(
      '106.0% = 100 % + seat 3.0 pts + usage 1.0 pts + tier 4.0 pts − contraction 0.5 pts − gross churn 1.5 pts (starting ARR $100,000; new ARR $2,000 not in NRR)',
    );
    expect(screen.getByText(/invites per active user per month/).textContent).toBe(
      '0.025 = 0.10 invites per active user per month × 25.0% accepted',
    );
    const flags = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(flags).toContain('Raised — viral coefficient k < 0.1: k = 0.025');
    // One trigger: all expansions from it.
    expect(flags).toContain(
      'Raised — > 80 % of expansions from one trigger: 100.0 % of expanded PQLs came from usage_ceiling',
    );
    expect(flags).toContain(
      'Raised — > 60 % of expansions CS-assisted: 70.0 % of 10 expansions had a CS handoff before them',
    );
    const segments = screen.getByRole('table', { name: 'By segment' });
    const cells = (table: HTMLElement, name: RegExp) =>
      within(within(table).getByRole('row', { name }))
        .getAllByRole('cell')
        .map((c) => c.textContent);
    // smb: (40,000 + 2,000 − 1,500) ÷ 40,000; mid_market listed though empty.
    expect(cells(segments, /^smb/)).toEqual(['150', '—', '5.0%', '—', '101.3%', '3.8 pts', '—']);
    expect(cells(segments, /^mid_market/)).toEqual(['0', '—', '—', '—', '—', '—', '—']);
    const weekly = screen.getByRole('table', { name: /^Weekly/ });
    expect(cells(weekly, /2026-01-05/)).toEqual(['100', '—', '5', '40.0%', '2', '$1,500', '$0']);
    expect(cells(weekly, /2026-04-27/)).toContain('not judged yet');
    expect(
      screen.getByRole('img', { name: /Expansion ARR by week: 2026-01-05 \$1,500; 2026-04-27 \$0/ }),
    ).toBeTruthy();
    const csv = screen.getByRole('link', { name: 'Export CSV' });
    expect(csv.getAttribute('download')).toBe('expansion-2026-05-01.csv');
    const text = decodeURIComponent(
      (csv.getAttribute('href') ?? '').replace(/^data:text\/csv;charset=utf-8,/, ''),
    );
    expect(text.split('\n')[0]).toMatch(/^slice,key,days,activeAccounts,/);
    expect(text).toContain('\nweek,2026-04-27,5,90,');
    // Another window is another read.
    expect(requests.map((r) => r.path)).toEqual(['/v1/admin/expansion?days=180']);
    fireEvent.change(screen.getByLabelText('Window'), { target: { value: '365' } });
    await waitFor(() => expect(requests.map((r) => r.path)).toContain('/v1/admin/expansion?days=365'));
  });

  it('shows the route split and each handoff delivery status', async () => {
    signedIn('#routes');
    const split = await screen.findByRole('table', { name: /Route split/ });
    expect(within(split).getByRole('row', { name: /Customer success/ }).textContent).toBe(
      'Customer success210.0%',
    );
    const handoffs = await screen.findByRole('table', { name: /CS handoffs/ });
    expect(within(handoffs).getByRole('row', { name: /ho_2/ }).textContent).toContain(
      'HTTP 503 from webhook',
    );
    expect(screen.getByText('1 delivered · 0 pending · 1 failed')).toBeTruthy();
  });

  it('lists PQLs by potential expansion ACV', async () => {
    signedIn('#pqls');
    const table = await screen.findByRole('table', { name: /Accounts with active triggers/ });
    const ids = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) => within(r).getByRole('rowheader').textContent);
    expect(ids).toEqual(['acct_big', 'acct_small', 'acct_unknown']);
    expect(table.textContent).toContain('$42,000');
    // Signals without readiness are shown apart, with why nobody pitched.
    const suppressed = screen.getByRole('table', { name: /Suppressed/ });
    const row = within(suppressed).getByRole('row', { name: /acct_churning/ });
    expect(row.textContent).toContain('health below the segment minimum; churn risk');
  });

  it('moves between sections with the keyboard-reachable nav links', async () => {
    signedIn();
    await screen.findByRole('heading', { name: 'Experiments' });
    fireEvent.click(screen.getByRole('link', { name: 'PQLs' }));
    expect(await screen.findByRole('heading', { name: 'Product-qualified accounts' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'PQLs' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('config editor', () => {
  const group = (name: string) => screen.getByRole('group', { name });
  // The draft is filled from the live version right after it loads.
  const editorReady = async (version: number) => {
    await screen.findByText(`Live: version ${version}`);
    await screen.findByRole('group', { name: 'Prompt seat_upgrade' });
  };
  // Every publish says why: Publish stays disabled until a note is written.
  const writeNote = (text: string) =>
    fireEvent.input(screen.getByLabelText('Change note (required)'), { target: { value: text } });

  it('previews the real widget with edited copy, validates live, and publishes', async () => {
    signedIn('#config');
    await editorReady(1);
    const seat = group('Prompt seat_upgrade');
    const title = within(seat).getByLabelText('Title');
    expect(title).toHaveProperty('value', '{used} of {limit} seats taken');

    fireEvent.change(screen.getByLabelText('Copy to preview'), { target: { value: 'prompt:seat_upgrade' } });
    fireEvent.input(title, { target: { value: 'Room for {nextLimit} more' } });
    await waitFor(() => expect(screen.getByTestId('copy-preview').textContent).toContain('Room for'));
    expect(screen.getByText('Valid configuration.')).toBeTruthy();

    // An unknown placeholder is a config error, named by path; publishing is blocked.
    fireEvent.input(title, { target: { value: 'Hi {firstName}' } });
    expect(await screen.findByText(/problem.* to fix before publishing/)).toBeTruthy();
    expect(screen.getByText('prompts.seat_upgrade.copy.title')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Publish' })).toHaveProperty('disabled', true);

    fireEvent.input(title, { target: { value: 'Make room for the whole team' } });
    fireEvent.input(screen.getByLabelText('Change note (required)'), {
      target: { value: 'friendlier seat copy' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect((await screen.findByText(/Published version 2/)).textContent).toMatch(/next config revalidation/);
    const put = requests.find((r) => r.method === 'PUT')!.body as { config: typeof acme; note: string };
    expect(put.note).toBe('friendlier seat copy');
    expect(put.config.prompts.seat_upgrade!.copy!.title).toBe('Make room for the whole team');
    expect(await screen.findByText('Live: version 2')).toBeTruthy();
  });

  it('keeps Publish disabled until the change has a note, and records who published', async () => {
    signedIn('#config');
    await editorReady(1);
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '0.75' },
    });
    const publish = screen.getByRole('button', { name: 'Publish' });
    expect(publish).toHaveProperty('disabled', true);
    writeNote('   ');
    expect(publish).toHaveProperty('disabled', true);
    writeNote('prompt a little earlier');
    expect(publish).toHaveProperty('disabled', false);
    fireEvent.click(publish);
    await screen.findByText(/Published version 2/);
    const put = requests.find((r) => r.method === 'PUT')!.body as { note: string };
    expect(put.note).toBe('prompt a little earlier');
    await screen.findByText('Live: version 2');
    const row = screen.getByRole('rowheader', { name: 'v2' }).closest('tr')!;
    expect(within(row).getByText('ana')).toBeTruthy();
    expect(within(row).getByText('prompt a little earlier')).toBeTruthy();
  });

  it('previews the impact and backtests the draft beside the live config before publishing', async () => {
    signedIn('#config');
    await editorReady(1);
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '0.85' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Preview impact' }));
    const prompts = await screen.findByRole('table', { name: /Prompts: eligible accounts/ });
    const usage = within(prompts).getByRole('rowheader', { name: 'usage_upgrade' }).closest('tr')!;
    expect([...usage.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['10', '0', '0', '10']);
    expect(screen.getByRole('list', { name: 'Route shifts' }).textContent).toBe(
      '10 accounts: Self-serve → No longer a PQL',
    );
    const sent = requests.find((r) => r.path === '/v1/admin/config/impact')!.body as {
      config: { triggers: { atLeast: number }[] };
    };
    expect(sent.config.triggers[0]!.atLeast).toBe(0.85);

    fireEvent.click(screen.getByRole('button', { name: 'Run backtest' }));
    const table = await screen.findByRole('table', { name: /Backtest per trigger/ });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows[1]).toContain('Draft10.0% (95% CI 5.0%–30.0%)');
    expect(rows[1]).toContain('Automate');
    expect(rows[2]).toContain('Live20.0%');
    expect(rows[2]).toContain('Inconclusive: wait for more history');
    expect(rows[1]).toContain('median lead 20 days');
    expect(rows[1]).toContain('10 of 10');
    expect(rows[2]).toContain('50.0% (95% CI 0.0%–70.0%)of 20 fire episodes');
    // The definitions the figures rest on, and the expansions no trigger could have preceded.
    expect(
      screen.getByText(/2 of them came from accounts never eligible in the 90 days before/),
    ).toBeTruthy();
    expect(
      screen.getByText(/fire episode starts with a fire after at least 30 days without one/),
    ).toBeTruthy();
    const quarters = screen.getByRole('table', { name: /Fire rate per quarter/ });
    const quarterRows = within(quarters)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(quarterRows[0]).toContain('2026-Q2 (100 eligible)');
    expect(quarterRows[1]).toBe('usage_ceilingDraft10.0% (95% CI 5.0%–30.0%)');
  });

  it('refuses "trigers": the error names the path and the key meant, and nothing is published', async () => {
    signedIn('#config');
    await editorReady(1);
    const json = screen.getByLabelText('Config JSON') as HTMLTextAreaElement;
    fireEvent.input(json, { target: { value: json.value.replace('"triggers":', '"trigers":') } });
    expect(await screen.findByText(/1 problem to fix before publishing/)).toBeTruthy();
    const issue = screen.getByText('trigers').closest('li');
    expect(issue?.textContent).toBe('trigers: unknown key "trigers"; did you mean "triggers"?');
    const publish = screen.getByRole('button', { name: 'Publish' });
    expect(publish).toHaveProperty('disabled', true);
    fireEvent.click(publish);
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(screen.queryByText('Valid configuration.')).toBeNull();
  });

  it('names a misspelt nested key by its full path, with every other problem', async () => {
    signedIn('#config');
    await editorReady(1);
    const json = screen.getByLabelText('Config JSON') as HTMLTextAreaElement;
    const draft = JSON.parse(json.value) as { fatigue: Record<string, unknown> };
    draft.fatigue.maxPromptPerWeek = draft.fatigue.maxPromptsPerWeek;
    delete draft.fatigue.maxPromptsPerWeek;
    draft.fatigue.snoozeDays = -1;
    fireEvent.input(json, { target: { value: JSON.stringify(draft) } });
    expect(await screen.findByText(/2 problems to fix before publishing/)).toBeTruthy();
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toContain('fatigue.snoozeDays: must be ≥ 0');
    expect(items).toContain(
      'fatigue.maxPromptPerWeek: unknown key "maxPromptPerWeek"; did you mean "maxPromptsPerWeek"?',
    );
    expect(screen.getByRole('button', { name: 'Publish' })).toHaveProperty('disabled', true);
  });

  it('shows warnings for a valid but probably wrong config without blocking the publish', async () => {
    signedIn('#config');
    await editorReady(1);
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '8' },
    });
    expect(await screen.findByText('Valid configuration.')).toBeTruthy();
    const warnings = screen.getByRole('list', { name: 'Warnings' });
    expect(
      within(warnings)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'triggers.0.atLeast: a share of the limit is usually in (0, 1]: 8 fires at 800 % of the limit',
    ]);
    writeNote('ratio as a percentage');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Published version 2/)).toBeTruthy();
  });

  it('shows what a publish changes against the live version, each change named', async () => {
    signedIn('#config');
    await editorReady(1);
    const changes = () => screen.getByRole('list', { name: 'Changes against version 1' });
    expect(screen.getByText('No changes against live version 1.')).toBeTruthy();
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '0.75' },
    });
    fireEvent.input(within(group('Variant momentum')).getByLabelText('Button text'), {
      target: { value: 'Grow now' },
    });
    await waitFor(() =>
      expect(
        within(changes())
          .getAllByRole('listitem')
          .map((li) => li.textContent),
      ).toEqual([
        'Trigger usage_ceiling: atLeast 0.8 → 0.75',
        'Experiment usage_copy, variant momentum: copy.cta "Get more room" → "Grow now"',
      ]),
    );
    expect(screen.getByText('2 changes against live version 1:')).toBeTruthy();
  });

  it('edits trigger thresholds and experiment variants', async () => {
    signedIn('#config');
    await editorReady(1);
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '0.75' },
    });
    const momentum = group('Variant momentum');
    fireEvent.input(within(momentum).getByLabelText('Weight'), { target: { value: '25' } });
    fireEvent.input(within(momentum).getByLabelText('Button text'), { target: { value: 'Grow now' } });
    writeNote('earlier usage prompt');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    await screen.findByText(/Published version 2/);
    const put = requests.find((r) => r.method === 'PUT')!.body as { config: typeof acme };
    expect((put.config.triggers[0] as { atLeast: number }).atLeast).toBe(0.75);
    expect(put.config.experiments.usage_copy!.variants[1]).toMatchObject({
      weight: 25,
      copy: { cta: 'Grow now' },
    });
  });

  it('sends If-Match, and shows "someone else published version N" instead of overwriting it', async () => {
    signedIn('#config');
    await editorReady(1);
    // Another console publishes version 2 while this one still edits version 1.
    versions.push({ version: 2, config: acme, publishedAt: '2025-06-02T09:00:00.000Z', note: 'colleague' });
    fireEvent.input(within(group('Trigger usage_ceiling (meter_ratio)')).getByLabelText(/Threshold/), {
      target: { value: '0.7' },
    });
    writeNote('earlier usage prompt');
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Someone else published version 2 — reload and merge your changes');
    expect(requests.find((r) => r.method === 'PUT')?.ifMatch).toBe('"hr-config-1"');
    expect(versions).toHaveLength(2); // nothing overwritten
    fireEvent.click(within(alert).getByRole('button', { name: 'Reload the latest version' }));
    expect(await screen.findByText('Live: version 2')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Publish' }));
    expect(await screen.findByText(/Published version 3/)).toBeTruthy();
    expect(requests.filter((r) => r.method === 'PUT').at(-1)?.ifMatch).toBe('"hr-config-2"');
  });

  it('shows the server issues when a publish is rejected', async () => {
    server.use(
      http.put(`${EDGE}/v1/admin/config`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'invalid_config',
              message: 'Invalid config',
              issues: [{ path: 'routing.checkoutUrl', message: 'must be https' }],
            },
          },
          { status: 400 },
        ),
      ),
    );
    signedIn('#config');
    await editorReady(1);
    const button = screen.getByRole('button', { name: 'Publish' });
    writeNote('any change');
    fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Invalid config');
    expect(alert.textContent).toContain('routing.checkoutUrl: must be https');
  });

  it('compares any two versions of the history, each change named', async () => {
    const edited = JSON.parse(JSON.stringify(acme)) as typeof acme;
    (edited.triggers[0] as { atLeast: number }).atLeast = 0.7;
    edited.fatigue.maxPromptsPerWeek = 2;
    versions.push(
      { version: 2, config: edited, publishedAt: '2025-06-02T09:00:00.000Z', note: 'tune' },
      { version: 3, config: acme, publishedAt: '2025-06-03T09:00:00.000Z', note: 'back' },
    );
    signedIn('#config');
    await editorReady(3);
    const compare = screen.getByRole('group', { name: 'Compare two versions' });
    fireEvent.change(within(compare).getByLabelText('From'), { target: { value: '1' } });
    fireEvent.change(within(compare).getByLabelText('To'), { target: { value: '2' } });
    fireEvent.click(within(compare).getByRole('button', { name: 'Compare' }));
    const list = await within(compare).findByRole('list', { name: 'Changes from v1 to v2' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Trigger usage_ceiling: atLeast 0.8 → 0.7', 'Fatigue: maxPromptsPerWeek 3 → 2']);
    expect(
      requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/v1/admin/config/versions/1', '/v1/admin/config/versions/2']);
    fireEvent.change(within(compare).getByLabelText('From'), { target: { value: '3' } });
    fireEvent.change(within(compare).getByLabelText('To'), { target: { value: '1' } });
    fireEvent.click(within(compare).getByRole('button', { name: 'Compare' }));
    expect(await within(compare).findByText('v3 and v1 are the same configuration.')).toBeTruthy();
  });

  it('rolls back to an earlier version in one click', async () => {
    versions.push({
      version: 2,
      config: { ...acme, triggers: [] },
      publishedAt: '2025-06-02T09:00:00.000Z',
      note: 'oops',
    });
    signedIn('#config');
    await editorReady(2);
    const history = screen.getByRole('table', { name: 'Version history' });
    expect(within(history).getByRole('row', { name: /v2/ }).textContent).toContain('live');
    fireEvent.click(within(history).getByRole('button', { name: 'Roll back to v1' }));
    expect(await screen.findByText('Rolled back: version 1 is live again as version 3.')).toBeTruthy();
    expect(requests).toContainEqual({
      method: 'POST',
      path: '/v1/admin/config/rollback',
      body: { version: 1 },
    });
    expect(await screen.findByText('Live: version 3')).toBeTruthy();
    // The editor now holds version 1's five triggers again (version 2 had none).
    await waitFor(() => expect(within(group('Triggers')).queryAllByRole('group').length).toBe(5));
  });
});
