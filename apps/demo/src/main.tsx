import { render } from 'preact';
import { App } from './app.tsx';
import { demoApi } from './demo-api.ts';
import { type HeadroomKit, KitContext } from './kit.ts';
import { session$ } from './state.ts';
import './styles.css';

async function boot(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const session = await demoApi.session();
  session$.value = session;
  let kit: HeadroomKit | null = null;
  // `?headroom=off` serves the same app without loading Headroom (page-cost benchmark).
  if (new URLSearchParams(window.location.search).get('headroom') !== 'off') {
    try {
      const { createKit } = await import('./headroom-kit.tsx');
      kit = createKit(session.endpoint);
    } catch (error) {
      // The host app must work even when Headroom cannot load.
      console.error('Headroom failed to load', error);
    }
  }
  render(
    <KitContext.Provider value={kit}>
      <App />
    </KitContext.Provider>,
    root,
  );
}

void boot();
