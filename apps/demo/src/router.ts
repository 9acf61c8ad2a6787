import { signal } from '@preact/signals';

/** Current path + query of the single-page app. */
export const location$ = signal(`${window.location.pathname}${window.location.search}`);

window.addEventListener('popstate', () => {
  location$.value = `${window.location.pathname}${window.location.search}`;
});

/** Client-side navigation for same-origin paths; a full load for anything else. */
export function navigate(href: string): void {
  const url = new URL(href, window.location.href);
  if (url.origin !== window.location.origin) {
    window.location.assign(url.href);
    return;
  }
  const path = `${url.pathname}${url.search}`;
  window.history.pushState(null, '', path);
  location$.value = path;
  window.scrollTo(0, 0);
}

/** Keeps `?headroom=off` across client-side links. */
export function withMode(path: string): string {
  const off = new URLSearchParams(window.location.search).get('headroom') === 'off';
  if (!off) return path;
  return `${path}${path.includes('?') ? '&' : '?'}headroom=off`;
}
