// Smoke test of the `headroom` bin as a user runs it: a real child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/headroom.mjs', import.meta.url));
const slice = {
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
// The insights unit test's hand-worked report (expansion-metrics.test.ts).
const EXPANSION_REPORT = {
  since: '2026-01-01T00:00:00.000Z',
  until: '2026-05-01T00:00:00.000Z',
  judgedBefore: '2026-03-02T00:00:00.000Z',
  days: 120,
  outcomeDays: 60,
  assistDays: 60,
  total: {
    ...slice,
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
    { week: '2025-12-29', ...slice, activeAccounts: 80, pqls: 4, pqlsJudged: 4, pqlsExpanded: 2 },
    { week: '2026-01-05', ...slice, activeAccounts: 100, pqls: 5, pqlsJudged: 5, pqlsExpanded: 2 },
    { week: '2026-01-12', ...slice, activeAccounts: 100, pqls: 6, pqlsJudged: 6, pqlsExpanded: 1 },
    { week: '2026-01-19', ...slice, activeAccounts: 100, pqls: 8, pqlsJudged: 8, pqlsExpanded: 1 },
    { week: '2026-04-27', ...slice, activeAccounts: 90, pqls: 3 },
  ],
  segments: {
    smb: { ...slice, activeAccounts: 150, pqls: 30, startingArr: 40_000, seatArr: 2000, churnArr: 1500 },
    enterprise: { ...slice, activeAccounts: 10, startingArr: 60_000, tierArr: 4000, contractionArr: 500 },
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
    {
      triggerId: 'seat_saturation',
      pqls: 12,
      judged: 6,
      expanded: 1,
      attributed: 1,
      medianMsToExpansion: 20 * 86_400_000,
    },
  ],
};

const run = (args: string[], env: Record<string, string> = {}) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, ...env }, maxBuffer: 1 << 24 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), stdout, stderr }),
    );
  });

describe('headroom CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints usage and exits 2 on a bad command or missing option', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/);
    expect(unknown.stderr).toMatch(/Usage: headroom/);
    const missing = await run(['backtest', '--config', 'x.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --events, --expansions/);
  });

  it('samples a dataset, then backtests it (table and --json)', async () => {
    const sample = await run(['sample', '--accounts', '60', '--days', '200', '--out', dir]);
    expect(sample.code).toBe(0);
    expect(sample.stderr).toMatch(/Wrote .*: 60 accounts/);
    const args = ['backtest', '--config', join(dir, 'config.json'), '--events', join(dir, 'events.ndjson')];
    args.push('--expansions', join(dir, 'expansions.csv'));
    const table = await run(args);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/trigger\s+fire rate\/qtr\s+preceded/);
    // Every rate with its 95 % interval, and the definitions it rests on.
    expect(table.stdout).toMatch(/^usage_ceiling\s+\d+\.\d% \[\d+\.\d%, \d+\.\d%\]\s+\d+\.\d% \[/m);
    expect(table.stdout).toMatch(/a fire after ≥ 30 days without one/);
    expect(table.stdout).toMatch(
      /\d+ of the \d+ expansions came from accounts never eligible in the 90 days/,
    );
    const json = await run([...args, '--json']);
    const report = JSON.parse(json.stdout);
    expect(report.accounts).toBe(60);
    expect(report.settings.quietDays).toBe(30);
    expect(report.triggers[0].intervals.fireRate).toEqual({
      lower: expect.any(Number),
      upper: expect.any(Number),
    });
    const everyDay = JSON.parse((await run([...args, '--json', '--quiet-days', '0'])).stdout);
    expect(everyDay.settings.quietDays).toBe(0);
    const badQuiet = await run([...args, '--quiet-days=-1']);
    expect(badQuiet.code).toBe(2);
    expect(badQuiet.stderr).toMatch(/--quiet-days must be a whole number of days from 0 to 3650/);
    expect(report.triggers.map((t: { id: string }) => t.id)).toEqual([
      'usage_ceiling',
      'seat_saturation',
      'seat_pressure',
      'feature_exploration',
      'collaboration_surge',
    ]);
    const expansions = readFileSync(join(dir, 'expansions.csv'), 'utf8').trim().split('\n').length - 1;
    expect(report.expansions).toBe(expansions);

    // The same history as an events-only export plus a separate claims file gives the same answers.
    const lines = readFileSync(join(dir, 'events.ndjson'), 'utf8').trim().split('\n');
    const isClaim = (line: string) => line.startsWith('{"type":"account"');
    writeFileSync(join(dir, 'export.ndjson'), `${lines.filter((l) => !isClaim(l)).join('\n')}\n`);
    writeFileSync(join(dir, 'claims.ndjson'), `${lines.filter(isClaim).join('\n')}\n`);
    const split = await run([
      'backtest',
      '--config',
      join(dir, 'config.json'),
      '--events',
      join(dir, 'export.ndjson'),
      '--claims',
      join(dir, 'claims.ndjson'),
      '--expansions',
      join(dir, 'expansions.csv'),
      '--json',
    ]);
    const splitReport = JSON.parse(split.stdout);
    expect(splitReport.accountRecords).toBeGreaterThan(60);
    expect(splitReport.triggers).toEqual(report.triggers);
    expect(splitReport.events).toBe(report.events);
  });

  it('prints its version with --version, and usage with --help (exit 0)', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    for (const flag of ['--version', '-v', 'version']) {
      const result = await run([flag]);
      expect(result.code, flag).toBe(0);
      expect(result.stdout.trim()).toBe(version);
    }
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: headroom/);
  });

  it('answers a wrong path with one clear line and exit 1', async () => {
    const config = fileURLToPath(new URL('../examples/acme.config.json', import.meta.url));
    const missing = await run([
      'backtest',
      '--config',
      config,
      '--events',
      join(dir, 'nope.ndjson'),
      '--expansions',
      'y',
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe(`headroom: cannot read --expansions y: no such file`);
    const folder = await run(['backtest', '--config', dir, '--events', 'x', '--expansions', 'y']);
    expect(folder.code).toBe(1);
    expect(folder.stderr.trim()).toBe(`headroom: cannot read --config ${dir}: it is a folder, not a file`);
  });

  it('exits 1 when no line of the events file is a valid event', async () => {
    const config = fileURLToPath(new URL('../examples/acme.config.json', import.meta.url));
    const events = join(dir, 'garbage.ndjson');
    writeFileSync(events, 'not json\n{"type":"usage"}\n');
    const expansions = join(dir, 'none.csv');
    writeFileSync(expansions, 'accountId,ts\n');
    const result = await run([
      'backtest',
      '--config',
      config,
      '--events',
      events,
      '--expansions',
      expansions,
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`headroom: no valid event in --events ${events} (2 lines, all invalid)`);
  });

  it('reports a config error with its paths', async () => {
    const result = await run([
      'backtest',
      '--config',
      fileURLToPath(new URL('../package.json', import.meta.url)),
      '--events',
      'x',
      '--expansions',
      'y',
    ]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/invalid config/);
  });

  const acme = () =>
    JSON.parse(readFileSync(new URL('../examples/acme.config.json', import.meta.url), 'utf8')) as Record<
      string,
      unknown
    > & { fatigue: Record<string, unknown>; triggers: { prompt?: string }[] };

  it('refuses misspelt keys, naming each path and the key meant', async () => {
    const { triggers, ...rest } = acme();
    const config = { ...rest, trigers: triggers };
    config.fatigue.maxPromptPerWeek = 3;
    const path = join(dir, 'typo.json');
    writeFileSync(path, JSON.stringify(config));
    const result = await run(['backtest', '--config', path, '--events', 'x', '--expansions', 'y']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('invalid config');
    expect(result.stderr).toContain(
      'fatigue.maxPromptPerWeek: unknown key "maxPromptPerWeek"; did you mean "maxPromptsPerWeek"?',
    );
    expect(result.stderr).toContain('trigers: unknown key "trigers"; did you mean "triggers"?');
  });

  it('prints the warnings of a valid but probably wrong config, and carries on', async () => {
    const config = acme();
    config.triggers = config.triggers.filter((t) => t.prompt !== 'tier_upgrade');
    const path = join(dir, 'unused-prompt.json');
    writeFileSync(path, JSON.stringify(config));
    const out = join(dir, 'warned');
    const result = await run(['sample', '--accounts', '3', '--days', '20', '--out', out, '--config', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      'headroom: warning: prompts.tier_upgrade: no trigger shows this prompt, so nobody will see it',
    );
    expect(result.stderr).toMatch(/Wrote .*: 3 accounts/);
  });

  describe('report', () => {
    let endpoint = '';
    // An edge from before trigger holdouts: no /v1/admin/holdouts.
    let oldEdge = false;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(`${req.headers.authorization} ${req.url}`);
      if (req.headers.authorization !== 'Bearer admin-secret') {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'invalid_token', message: 'bad admin token' } }));
        return;
      }
      if (
        (req.url?.startsWith('/v1/admin/holdouts') || req.url?.startsWith('/v1/admin/expansion')) &&
        oldEdge
      ) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'not_found', message: 'not found' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/v1/admin/expansion')) {
        res.end(JSON.stringify(EXPANSION_REPORT));
      } else if (req.url?.startsWith('/v1/admin/holdouts')) {
        // Newcombe's published example (56/70 vs 48/80): +20.0 pts, 95 % CI 5.2 to 33.4.
        res.end(
          JSON.stringify({
            since: '2025-01-01T00:00:00.000Z',
            judgedBefore: '2025-11-01T00:00:00.000Z',
            outcomeDays: 60,
            triggers: [
              {
                triggerId: 'usage_ceiling',
                holdout: 0.1,
                exposed: { accounts: 70, expanded: 56, amount: 168_000, amountSquares: 504e6, pending: 3 },
                heldOut: { accounts: 80, expanded: 48, amount: 144_000, amountSquares: 432e6, pending: 1 },
              },
            ],
          }),
        );
      } else if (req.url?.startsWith('/v1/admin/experiments')) {
        res.end(
          JSON.stringify({
            experiments: [
              {
                id: 'usage_copy',
                version: 2,
                current: true,
                goal: 'upgrade_completed',
                unit: 'account',
                conversionWindowDays: 30,
                variants: [
                  { id: 'control', weight: 50, exposures: 1000, conversions: 50 },
                  { id: 'momentum', weight: 50, exposures: 1000, conversions: 80 },
                ],
              },
              {
                id: 'cta_copy',
                goal: 'upgrade_completed',
                unit: 'account',
                conversionWindowDays: 30,
                variants: [
                  { id: 'control', weight: 50, exposures: 5000, conversions: 250 },
                  { id: 'short', weight: 50, exposures: 5000, conversions: 262 },
                  // Removed from the config: it keeps its units, and is not analyzed.
                  { id: 'urgency', weight: 0, exposures: 900, conversions: 70 },
                ],
              },
              {
                id: 'broken',
                goal: 'upgrade_completed',
                unit: 'account',
                conversionWindowDays: 30,
                variants: [
                  { id: 'control', weight: 50, exposures: 100, conversions: 120 },
                  { id: 'b', weight: 50, exposures: 100, conversions: 5 },
                ],
              },
              // The first version of usage_copy, before its copy changed: reported apart.
              {
                id: 'usage_copy',
                version: 1,
                current: false,
                goal: 'upgrade_completed',
                unit: 'account',
                conversionWindowDays: 30,
                variants: [
                  { id: 'control', weight: 50, exposures: 400, conversions: 20 },
                  { id: 'momentum', weight: 50, exposures: 410, conversions: 21 },
                ],
              },
            ],
          }),
        );
      } else if (req.url?.startsWith('/v1/admin/pqls')) {
        res.end(
          JSON.stringify({
            accounts: [
              {
                accountId: 'acct_big',
                plan: 'team',
                segment: 'mid_market',
                activeTriggers: ['seat_saturation', 'usage_ceiling', 'feature_exploration'],
                signals: 3,
                potentialExpansionAcv: 12_000,
                firstPqlAt: '2025-01-02T00:00:00.000Z',
                reachesHuman: true,
              },
            ],
            suppressed: [
              {
                accountId: 'acct_churning',
                plan: 'team',
                segment: 'smb',
                activeTriggers: ['usage_ceiling'],
                signals: 1,
                potentialExpansionAcv: 2760,
                suppressedBecause: ['churn_risk'],
              },
            ],
          }),
        );
      } else {
        res.end(
          JSON.stringify({
            since: '2025-01-01T00:00:00.000Z',
            byTrigger: [
              {
                triggerId: 'usage_ceiling',
                fired: 200,
                shown: 150,
                clicked: 30,
                routed: 20,
                completed: 10,
                medianMsToUpgrade: 3 * 86_400_000,
              },
            ],
            routes: { self_serve: 15, self_serve_with_assist: 4, cs_assist: 1 },
          }),
        );
      }
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('reports each version of an experiment apart: the live one, then the ended one', async () => {
      const result = await run(['report', '--endpoint', endpoint, '--admin-token', 'admin-secret']);
      expect(result.code).toBe(0);
      const live = result.stdout.indexOf('Experiment usage_copy version 2 (goal upgrade_completed');
      const ended = result.stdout.indexOf('Experiment usage_copy version 1, ended (goal upgrade_completed');
      expect(live).toBeGreaterThanOrEqual(0);
      expect(ended).toBeGreaterThan(live);
      // The ended version's own counts, not pooled with the live version's.
      expect(result.stdout.slice(ended)).toMatch(/momentum\s+410\s+21\s/);
    });

    it('prints experiment statistics and the funnel', async () => {
      const result = await run(['report', '--endpoint', endpoint, '--admin-token', 'admin-secret']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Experiment usage_copy/);
      // Sequential by default (#19): the lift interval is the always-valid one the verdict reads,
      // and p = 0.0065 at 1,000 per arm is no longer a win when the report is read every day.
      expect(result.stdout).toMatch(/Method: sequential/);
      expect(result.stdout).toMatch(
        /momentum\s+1000\s+80\s+8\.0% \(6\.5%–9\.8%\)\s+\+3\.0 \(-0\.4 to \+6\.4\)\s+\+60\.0%\s+0\.1220\s+0\.0065\s+99\.7%/,
      );
      expect(result.stdout).toMatch(
        /Verdict: No significant difference yet \(momentum vs control: \+3\.0 pts, 95% always-valid CI/,
      );
      // A retired variant is listed, not compared, and raises no SRM flag (the console agrees).
      expect(result.stdout).toMatch(
        /Retired \(weight 0, not compared\): urgency 900 exposures, 70 conversions/,
      );
      expect(result.stdout).not.toMatch(/sample ratio mismatch/i);
      // Impossible counts are refused with the reason; the other experiments still print.
      expect(result.stdout).toMatch(
        /Experiment broken .*\nCannot analyze: Invalid experiment broken: variants\.0\.conversions: conversions exceed exposures/,
      );
      expect(result.stdout).toMatch(
        /usage_ceiling\s+200\s+150\s+30\s+20\s+10\s+25% \/ 80% \/ 33% \/ 50%\s+3\.0 d/,
      );
      expect(result.stdout).toMatch(
        /Routes \(decisions the edge made\): self-serve 15, self-serve with assist 4, CS assist 1/,
      );
      expect(seen).toContain('Bearer admin-secret /v1/admin/funnel?days=90');
      expect(result.stdout).toMatch(/Product-qualified accounts \(edge-evaluated, eligible\): 1/);
      expect(result.stdout).toMatch(
        /acct_big\s+team\s+mid_market\s+3\s+seat_saturation, usage_ceiling, feature_exploration\s+\$12,000/,
      );
      expect(result.stdout).toMatch(/acct_churning: usage_ceiling — churn_risk/);
      // The trigger holdout: incremental rate with Newcombe's interval, $/account with Welch's.
      expect(result.stdout).toMatch(
        /Trigger holdouts \(eligible accounts that fired; upgrades within 60 days/,
      );
      expect(result.stdout).toMatch(
        /usage_ceiling\s+10%\s+56\/70 \(80\.0%\)\s+48\/80 \(60\.0%\)\s+20\.0% \[5\.2%, 33\.4%\]\s+\$600 \[\$-?\d[\d,]*, \$[\d,]+\]\s+causes expansion\s+4/,
      );
    });

    it('prints the expansion metrics: formula and binding term, NRR by source, by trigger and segment, red flags', async () => {
      const result = await run(['report', '--endpoint', endpoint, '--admin-token', 'admin-secret']);
      expect(result.code).toBe(0);
      expect(seen).toContain('Bearer admin-secret /v1/admin/expansion?days=90');
      const out = result.stdout;
      // Worked by hand: 400 ÷ 1,000 × 30 ÷ 120 = 0.10 invites a month; × 25 % accepted = 0.025.
      expect(out).toMatch(
        /Viral coefficient k 0\.025 = 0\.10 invites per active user per month × 25\.0% accepted/,
      );
      expect(out).toMatch(
        /PQL rate 5\.0% of active accounts a month \(40 PQLs\); PQL → expansion within 60 days 25\.0% \[11\.2%, 46\.9%\] \(5 of 20 judged\)/,
      );
      expect(out).toMatch(/× \$1,000 average expansion ACV ÷ 12 = \$208 expansion MRR a month/);
      expect(out).toMatch(
        /Binding term: PQL → expansion \(71% of its reference 35%\); at the reference: \$292 a month/,
      );
      expect(out).toMatch(
        /NRR 106\.0% = 100% \+ seat 3\.0 pts \+ usage 1\.0 pts \+ tier 4\.0 pts − contraction 0\.5 pts − gross churn 1\.5 pts/,
      );
      expect(out).toMatch(/CS-assisted expansions: 70\.0% \(7 of 10\)/);
      expect(out).toMatch(/usage_ceiling\s+30\s+26\.7% \[\d+\.\d%, \d+\.\d%\] \(4\/15\)\s+5\.0 d\s+80\.0%/);
      expect(out).toMatch(/smb\s+150\s+—\s+5\.0%\s+—\s+101\.3%\s+3\.8 pts/);
      expect(out).toMatch(/mid_market\s+0\s+—/);
      expect(out).toMatch(/RAISED viral coefficient k < 0\.1: k = 0\.025/);
      expect(out).toMatch(/RAISED > 60 % of expansions CS-assisted/);
      expect(out).toMatch(
        /ok {5}> 80 % of expansions from one trigger: 80\.0 % of expanded PQLs came from usage_ceiling/,
      );
      expect(out).toMatch(
        /RAISED PQLs up while PQL → expansion falls .*: PQLs 9 → 14, conversion 44\.4 % → 14\.3 %/,
      );
      // The last, partial week (5 days): 3 PQLs ÷ 90 active accounts × 30 ÷ 5 = 20 %, not judged yet.
      expect(out).toMatch(/2026-04-27\s+90\s+—\s+20\.0%\s+pending/);
      expect(out).toMatch(/nrr: net revenue retention over the window/);
    });

    it('leaves the holdout section out against an edge that has no holdout report', async () => {
      oldEdge = true;
      try {
        const result = await run(['report', '--endpoint', endpoint, '--admin-token', 'admin-secret']);
        expect(result.code).toBe(0);
        expect(result.stdout).toMatch(/Expansion funnel since/);
        expect(result.stdout).not.toMatch(/Trigger holdouts/);
        expect(result.stdout).not.toMatch(/Expansion metrics since/);
      } finally {
        oldEdge = false;
      }
    });

    it('takes the token from HEADROOM_ADMIN_TOKEN, and --json gives the analysis', async () => {
      const result = await run(['report', '--endpoint', endpoint, '--json'], {
        HEADROOM_ADMIN_TOKEN: 'admin-secret',
      });
      expect(result.code).toBe(0);
      const body = JSON.parse(result.stdout);
      expect(body.experiments[0].analysis.method).toBe('sequential');
      expect(body.experiments[0].analysis.verdict.kind).toBe('no_significant_difference');
      expect(body.experiments[1].analysis.retired).toEqual([
        { id: 'urgency', weight: 0, exposures: 900, conversions: 70 },
      ]);
      expect(body.experiments[2]).toMatchObject({
        analysis: null,
        error: expect.stringMatching(/conversions exceed exposures/),
      });
      expect(body.funnel.routes.cs_assist).toBe(1);
    });

    it('--method fixed-horizon calls it, provisionally until the planned exposures', async () => {
      const result = await run([
        'report',
        '--endpoint',
        endpoint,
        '--admin-token',
        'admin-secret',
        '--method',
        'fixed-horizon',
        '--planned-exposures',
        '4000',
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(
        /Method: fixed-horizon, planned 4000 exposures per variant \(25% reached\)/,
      );
      expect(result.stdout).toMatch(
        /momentum\s+1000\s+80\s+8\.0% \(6\.5%–9\.8%\)\s+\+3\.0 \(\+0\.8 to \+5\.2\)\s+\+60\.0%\s+0\.0065\s+99\.7%/,
      );
      expect(result.stdout).toMatch(
        /Verdict: momentum wins: .* Provisional: fixed-horizon read at 25% of the planned 4,000/,
      );
    });

    it('plan: exposures and days for a fixed-horizon read', async () => {
      const result = await run(['plan', '--baseline', '0.05', '--mde', '0.01', '--daily-exposures', '400']);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/Exposures per variant: 8,158 \(16,316 in all\)/);
      expect(result.stdout).toMatch(/Days at 400 exposures a day: 41/);
      const bad = await run(['plan', '--baseline', '5', '--mde', '0.01']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--baseline must be between 0 and 1/);
    });

    it('fails with the server message on a bad token', async () => {
      const result = await run(['report', '--endpoint', endpoint, '--admin-token', 'nope']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/HTTP 401 bad admin token/);
    });
  });

  describe('backtest --endpoint --draft', () => {
    let endpoint = '';
    const bodies: { config: { triggers: { atLeast: number }[] }; quietDays?: number }[] = [];
    const figures = (fired: number, falsePositives: number, verdict: string) => ({
      id: 'usage_ceiling',
      kind: 'meter_ratio',
      fireRate: { value: fired / 100, successes: fired, trials: 100, lower: 0.05, upper: 0.3 },
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
      preceded: { value: 1, successes: 10, trials: 10, lower: 0.7225, upper: 1, medianLeadDays: 20 },
      falsePositiveRate: {
        value: falsePositives / fired,
        successes: falsePositives,
        trials: fired,
        lower: 0,
        upper: 0.7,
      },
      censored: 0,
      verdict,
      band: 'within',
      message: `${verdict}: the reason.`,
    });
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => {
        if (req.headers.authorization !== 'Bearer admin-secret' || req.url !== '/v1/admin/backtest') {
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'invalid_token', message: 'bad admin token' } }));
          return;
        }
        bodies.push(JSON.parse(text));
        res.writeHead(200, { 'content-type': 'application/x-ndjson' });
        const lines = [
          { type: 'start', totalEvents: 111 },
          { type: 'progress', events: 111, totalEvents: 111 },
          {
            type: 'result',
            from: '2026-05-01T10:00:00.000Z',
            to: '2026-10-15T00:00:00.000Z',
            events: 111,
            accounts: 101,
            accountsWithoutClaims: 1,
            expansions: 12,
            neverEligibleExpansions: 2,
            settings: { lookbackDays: 90, outcomeDays: 90, quietDays: 14 },
            triggers: [
              {
                id: 'usage_ceiling',
                draft: figures(10, 0, 'automate'),
                live: figures(20, 10, 'inconclusive'),
              },
            ],
          },
        ];
        res.end(lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
      });
    });
    beforeAll(async () => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('sends the draft to the edge and prints the draft beside the live config with intervals', async () => {
      const config = JSON.parse(
        readFileSync(fileURLToPath(new URL('../../core/examples/acme.config.json', import.meta.url)), 'utf8'),
      ) as { triggers: { atLeast: number }[] };
      config.triggers[0]!.atLeast = 0.85;
      const draft = join(dir, 'draft.json');
      writeFileSync(draft, JSON.stringify(config));
      const result = await run(['backtest', '--endpoint', endpoint, '--draft', draft, '--quiet-days', '14'], {
        HEADROOM_ADMIN_TOKEN: 'admin-secret',
      });
      expect(result.stderr).toBe('backtest: 111 of 111 events replayed\n');
      expect(result.code).toBe(0);
      expect(bodies.at(-1)?.config.triggers[0]?.atLeast).toBe(0.85);
      expect(bodies.at(-1)?.quietDays).toBe(14);
      expect(result.stdout).toMatch(
        /111 events, 101 accounts, 12 server-reported expansions \(2 from accounts never eligible in the 90 days before them/,
      );
      expect(result.stdout).toMatch(/a fire episode starts with a fire after ≥ 14 days without one/);
      expect(result.stdout).toMatch(
        /usage_ceiling\s+draft\s+10\.0% \[5\.0%, 30\.0%\]\s+100\.0% \[72\.3%, 100\.0%\]\s+20 d\s+0\.0% \[0\.0%, 70\.0%\]\s+automate/,
      );
      expect(result.stdout).toMatch(/\s+live\s+20\.0% .* inconclusive/);
    });

    it('refuses an invalid draft before sending it, naming the key meant', async () => {
      const draft = join(dir, 'typo.json');
      writeFileSync(draft, JSON.stringify({ trigers: [] }));
      const before = bodies.length;
      const result = await run([
        'backtest',
        '--endpoint',
        endpoint,
        '--admin-token',
        'admin-secret',
        '--draft',
        draft,
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/did you mean "triggers"/);
      expect(bodies.length).toBe(before);
    });
  });
});
