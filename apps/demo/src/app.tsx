import { DecisionDialog } from './components/decision-dialog.tsx';
import { DemoDrawer } from './components/demo-drawer.tsx';
import { Header } from './components/header.tsx';
import { useKit } from './kit.ts';
import { CheckoutPage } from './pages/checkout-page.tsx';
import { DocumentsPage } from './pages/documents-page.tsx';
import { EditorPage } from './pages/editor-page.tsx';
import { SettingsPage } from './pages/settings-page.tsx';
import { TeamPage } from './pages/team-page.tsx';
import { location$ } from './router.ts';
import { announce$ } from './state.ts';

function Page() {
  const path = location$.value.split('?')[0] ?? '/';
  if (path === '/' || path === '/docs') return <DocumentsPage />;
  const doc = /^\/docs\/([\w-]+)$/.exec(path);
  if (doc?.[1]) return <EditorPage docId={doc[1]} />;
  if (path === '/team') return <TeamPage />;
  const settings = /^\/settings(?:\/(\w+))?$/.exec(path);
  if (settings) return <SettingsPage tab={settings[1]} />;
  return (
    <section>
      <h1>Page not found</h1>
    </section>
  );
}

/** Acme Docs: the host app. Headroom pieces come from the kit (absent with `?headroom=off`). */
export function App() {
  const kit = useKit();
  // The checkout stands in for the billing provider's hosted page: no app chrome, no prompts.
  if (location$.value.startsWith('/checkout')) {
    return (
      <div class="billing-shell">
        <header class="billing-bar">Acme Billing</header>
        <main id="main">
          <CheckoutPage query={new URLSearchParams(location$.value.split('?')[1] ?? '')} />
        </main>
      </div>
    );
  }
  const upgraded = new URLSearchParams(location$.value.split('?')[1] ?? '').get('upgraded') === '1';
  const body = (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <Header />
      {kit && (
        <div class="banner-slot">
          <kit.UpgradePrompt surface="banner" />
        </div>
      )}
      <main id="main" tabIndex={-1}>
        {upgraded && (
          <p class="notice success" role="status" data-testid="upgraded">
            Upgrade complete — thank you! Your new limits apply now.
          </p>
        )}
        <Page />
      </main>
      {kit && <kit.UpgradePrompt surface="modal" />}
      {kit && <kit.UpgradePrompt surface="toast" />}
      <DecisionDialog />
      <DemoDrawer />
      <div class="sr-only" aria-live="polite">
        {announce$.value}
      </div>
    </div>
  );
  return kit ? <kit.Provider>{body}</kit.Provider> : body;
}
