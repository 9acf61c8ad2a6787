import { useEffect, useMemo, useState } from 'preact/hooks';
import { createAdminClient } from './admin-client.ts';
import { loadSession, type Session, saveSession } from './session.ts';
import { ConfigEditor } from './views/config-editor.tsx';
import { ExpansionView } from './views/expansion-view.tsx';
import { ExperimentsView } from './views/experiments-view.tsx';
import { FunnelView } from './views/funnel-view.tsx';
import { HoldoutsView } from './views/holdouts-view.tsx';
import { LoginForm } from './views/login-form.tsx';
import { PqlsView } from './views/pqls-view.tsx';
import { RoutesView } from './views/routes-view.tsx';

const TABS = [
  ['experiments', 'Experiments'],
  ['funnel', 'Funnel'],
  ['expansion', 'Expansion'],
  ['routes', 'Routes & handoffs'],
  ['pqls', 'PQLs'],
  ['config', 'Config'],
] as const;
type Tab = (typeof TABS)[number][0];

const tabOf = (hash: string): Tab => TABS.find(([id]) => `#${id}` === hash)?.[0] ?? 'experiments';

export interface AppProps {
  /** @default window.sessionStorage */
  storage?: Storage;
  /** @default the page's origin */
  defaultEndpoint?: string;
  fetch?: typeof fetch;
}

/** The growth console: sign in with the admin token, then one view per tab (linkable via `#tab`). */
export function App({
  storage = sessionStorage,
  defaultEndpoint = location.origin,
  fetch: fetchImpl,
}: AppProps) {
  const [session, setSession] = useState<Session | null>(() => loadSession(storage));
  const [tab, setTab] = useState<Tab>(() => tabOf(location.hash));
  useEffect(() => {
    const onHash = () => setTab(tabOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const client = useMemo(
    () => (session ? createAdminClient({ ...session, ...(fetchImpl ? { fetch: fetchImpl } : {}) }) : null),
    [session, fetchImpl],
  );
  const signIn = (next: Session | null) => {
    saveSession(storage, next);
    setSession(next);
  };
  if (client === null) {
    return (
      <LoginForm
        defaultEndpoint={defaultEndpoint}
        onLogin={signIn}
        {...(fetchImpl ? { fetch: fetchImpl } : {})}
      />
    );
  }
  return (
    <>
      <header class="top">
        <h1>Headroom growth console</h1>
        <nav aria-label="Console sections">
          <ul>
            {TABS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`} aria-current={tab === id ? 'page' : undefined} onClick={() => setTab(id)}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" onClick={() => signIn(null)}>
          Sign out
        </button>
      </header>
      <main>
        {tab === 'experiments' && <ExperimentsView client={client} />}
        {tab === 'funnel' && (
          <>
            <FunnelView client={client} />
            <HoldoutsView client={client} />
          </>
        )}
        {tab === 'expansion' && <ExpansionView client={client} />}
        {tab === 'routes' && <RoutesView client={client} />}
        {tab === 'pqls' && <PqlsView client={client} />}
        {tab === 'config' && <ConfigEditor client={client} />}
      </main>
    </>
  );
}
