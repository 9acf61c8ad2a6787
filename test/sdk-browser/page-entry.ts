// Bundled by esbuild into the test pages: the SDK from source, started from `window.hrSetup`.
import { createHeadroom, type Headroom } from '@headroom/sdk';

declare global {
  interface Window {
    hrSetup: { endpoint: string; token: string };
    hr: Headroom;
  }
}

window.hr = createHeadroom({
  endpoint: window.hrSetup.endpoint,
  token: window.hrSetup.token,
  flushIntervalMs: 50,
  retry: { baseMs: 20, maxMs: 200 },
});
