import { useEffect, useRef, useState } from 'preact/hooks';
import { money } from '../data.ts';
import { demoApi, type Scenario, type ScenarioPatch, type Segment } from '../demo-api.ts';
import { drawerOpen$, session$ } from '../state.ts';

const SEGMENTS: { id: Segment; label: string }[] = [
  { id: 'smb', label: 'SMB' },
  { id: 'mid_market', label: 'Mid-market' },
  { id: 'enterprise', label: 'Enterprise' },
];
const PLANS = ['free', 'team', 'business', 'enterprise'];

/** Reload so the SDK starts from a freshly signed token for the new scenario. */
const reload = () => window.location.reload();

function NumberField(props: {
  id: string;
  label: string;
  value: number | null;
  onInput: (v: number | null) => void;
  min?: number;
  max?: number;
  allowEmpty?: boolean;
  hint?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        inputMode="numeric"
        min={props.min ?? 0}
        max={props.max}
        value={props.value ?? ''}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => {
          const raw = e.currentTarget.value;
          props.onInput(raw === '' && props.allowEmpty ? null : Number(raw));
        }}
      />
      {props.hint && (
        <small id={`${props.id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
    </div>
  );
}

/**
 * The "Demo account" drawer: pick a preset or set segment, plan, seats, ACV, usage,
 * activation age, health and churn risk. The backend signs the next token from it.
 */
export function DemoDrawer() {
  const session = session$.value;
  const [draft, setDraft] = useState<Scenario | null>(session?.scenario ?? null);
  const [error, setError] = useState('');
  const closeRef = useRef<HTMLButtonElement>(null);
  const open = drawerOpen$.value;

  useEffect(() => {
    if (open) {
      setDraft(session$.value?.scenario ?? null);
      closeRef.current?.focus();
    }
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') drawerOpen$.value = false;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!open || !session || !draft) return null;
  const set = (patch: Partial<Scenario>) => setDraft({ ...draft, ...patch });
  const setUsage = (patch: Partial<Scenario['usage']>) =>
    setDraft({ ...draft, usage: { ...draft.usage, ...patch } });
  const apply = async (patch: ScenarioPatch) => {
    setError('');
    try {
      await demoApi.updateScenario(patch);
      reload();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <aside id="demo-drawer" class="drawer" aria-labelledby="drawer-title">
      <div class="drawer-head">
        <h2 id="drawer-title">Demo account</h2>
        <button
          ref={closeRef}
          type="button"
          class="btn ghost"
          onClick={() => {
            drawerOpen$.value = false;
          }}
        >
          Close
        </button>
      </div>
      <p class="muted">
        Account <code data-testid="account-id">{draft.accountId}</code>. Your backend signs these as the
        account token; the browser cannot change them.
      </p>
      <h3>Presets</h3>
      <ul class="presets">
        {session.presets.map((p) => (
          <li key={p.id}>
            <button type="button" class="preset" data-preset={p.id} onClick={() => apply({ preset: p.id })}>
              <strong>{p.label}</strong>
              <span>{p.description}</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const { accountId: _a, userId: _u, ...rest } = draft;
          void apply(rest);
        }}
      >
        <h3>Custom</h3>
        <div class="grid2">
          <div class="field">
            <label for="sc-segment">Segment</label>
            <select
              id="sc-segment"
              value={draft.segment}
              onChange={(e) => set({ segment: e.currentTarget.value as Segment })}
            >
              {SEGMENTS.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="sc-plan">Plan</label>
            <select id="sc-plan" value={draft.plan} onChange={(e) => set({ plan: e.currentTarget.value })}>
              {PLANS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <NumberField
            id="sc-seats"
            label="Seats paid"
            value={draft.seats}
            min={1}
            onInput={(v) => set({ seats: v ?? 1 })}
          />
          <NumberField
            id="sc-acv"
            label="ACV (USD)"
            value={draft.acv}
            hint={money(draft.acv)}
            onInput={(v) => set({ acv: v ?? 0 })}
          />
          <NumberField
            id="sc-u-seats"
            label="Seats used"
            value={draft.usage.seats}
            onInput={(v) => setUsage({ seats: v ?? 0 })}
          />
          <NumberField
            id="sc-u-docs"
            label="Documents"
            value={draft.usage.docs}
            onInput={(v) => setUsage({ docs: v ?? 0 })}
          />
          <NumberField
            id="sc-u-api"
            label="API calls this month"
            value={draft.usage.api_calls}
            onInput={(v) => setUsage({ api_calls: v ?? 0 })}
          />
          <NumberField
            id="sc-activation"
            label="Activated (days ago)"
            value={draft.activationAgeDays}
            allowEmpty
            hint="Empty = not activated"
            onInput={(v) => set({ activationAgeDays: v })}
          />
          <NumberField
            id="sc-health"
            label="Health (0–100)"
            value={draft.health}
            max={100}
            allowEmpty
            hint="Empty = unknown"
            onInput={(v) => set({ health: v })}
          />
          <div class="field check">
            <input
              id="sc-churn"
              type="checkbox"
              checked={draft.churnRisk}
              onChange={(e) => set({ churnRisk: e.currentTarget.checked })}
            />
            <label for="sc-churn">Churn risk</label>
          </div>
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
        <div class="row">
          <button type="submit" class="btn primary">
            Apply and reload
          </button>
          <button
            type="button"
            class="btn"
            onClick={async () => {
              await demoApi.newAccount();
              reload();
            }}
          >
            New account
          </button>
        </div>
      </form>
    </aside>
  );
}
