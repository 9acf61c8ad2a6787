// Bundled by esbuild into the forecast test page: the real SDK, the elements and the optional
// forecast entry, started by the test through `window.hrForecast` against the real edge.
import { createHeadroom, type Headroom } from '@headroom/sdk';
import { setDefaultClient } from '@headroom/widgets/elements';
import '@headroom/widgets/forecast';

declare global {
  interface Window {
    hrForecast: {
      start(endpoint: string, token: string): Promise<void>;
      client?: Headroom;
    };
  }
}

window.hrForecast = {
  async start(endpoint, token) {
    const client = createHeadroom({ endpoint, token });
    window.hrForecast.client = client;
    setDefaultClient(client);
    await client.ready();
  },
};
