import { useState } from 'preact/hooks';
import { Link } from '../components/link.tsx';
import { money } from '../data.ts';
import { useKit } from '../kit.ts';
import { session$ } from '../state.ts';

const TABS = [
  { id: 'billing', label: 'Billing' },
  { id: 'security', label: 'Security' },
  { id: 'automations', label: 'Automations' },
] as const;
type Tab = (typeof TABS)[number]['id'];

const UPGRADES: Record<string, string> = { free: 'team', team: 'business', business: 'enterprise' };

/** Settings: billing (usage summary, upgrade), security (SSO, audit log) and automations. */
export function SettingsPage(props: { tab: string | undefined }) {
  const kit = useKit();
  const session = session$.value;
  const tab: Tab = TABS.some((t) => t.id === props.tab) ? (props.tab as Tab) : 'billing';
  const [busy, setBusy] = useState(false);
  if (!session) return null;
  const { scenario } = session;
  const next = UPGRADES[scenario.plan];
  const name = (plan: string) => session.plans[plan]?.name ?? plan;
  return (
    <section aria-labelledby="settings-title">
      <div class="page-head">
        <h1 id="settings-title">Settings</h1>
      </div>
      <nav aria-label="Settings sections" class="tabs">
        {TABS.map((t) => (
          <Link key={t.id} href={`/settings/${t.id}`} class="tab" current={t.id === tab}>
            {t.label}
          </Link>
        ))}
      </nav>
      {tab === 'billing' && (
        <div class="stack">
          <div class="card">
            <h2>Plan</h2>
            <p>
              You are on <strong data-testid="current-plan">{name(scenario.plan)}</strong> with{' '}
              {scenario.seats} {scenario.seats === 1 ? 'seat' : 'seats'} · {money(scenario.acv)} a year.
            </p>
            {next && kit && (
              <button
                type="button"
                class="btn primary"
                disabled={busy}
                data-testid="billing-upgrade"
                onClick={async () => {
                  setBusy(true);
                  try {
                    await kit.upgrade(next);
                  } finally {
                    setBusy(false);
                  }
                }}
              >
                Upgrade to {name(next)}
              </button>
            )}
          </div>
          {kit && (
            <div class="card">
              <h2>Usage</h2>
              <kit.UsageSummary />
            </div>
          )}
          {kit && (
            <div class="card" data-testid="docs-forecast">
              <h2>Documents trend</h2>
              <kit.UsageBar meter="docs" forecast />
            </div>
          )}
        </div>
      )}
      {tab === 'security' && (
        <div class="stack">
          <div class="card">
            <h2>Single sign-on</h2>
            {kit ? (
              <kit.GateWall feature="sso" label="SSO">
                <p>Connect Okta, Entra ID or Google Workspace.</p>
              </kit.GateWall>
            ) : (
              <p class="muted">Available on Business.</p>
            )}
          </div>
          <div class="card">
            <h2>Audit log</h2>
            {kit ? (
              <kit.GateWall feature="audit_log" label="Audit log">
                <p>Every sign-in, share and export, searchable for a year.</p>
              </kit.GateWall>
            ) : (
              <p class="muted">Available on Business.</p>
            )}
          </div>
        </div>
      )}
      {tab === 'automations' && (
        <div class="card">
          <h2>Automations</h2>
          {kit ? (
            <kit.GateWall feature="automations" label="Automations">
              <p>Route documents for review and sync them to your CRM.</p>
            </kit.GateWall>
          ) : (
            <p class="muted">Available on Business.</p>
          )}
        </div>
      )}
    </section>
  );
}
