// Bundled by esbuild into the unknown-data test page: the real SDK and the elements entry,
// started by the test through `window.hrReal` against a loopback edge on another origin.
import { createHeadroom, type Headroom } from '@headroom/sdk';
import { setDefaultClient } from '@headroom/widgets/elements';

declare global {
  interface Window {
    hrReal: {
      start(endpoint: string, token: string): Promise<void>;
      client?: Headroom;
    };
  }
}

window.hrReal = {
  async start(endpoint, token) {
    const client = createHeadroom({ endpoint, token });
    window.hrReal.client = client;
    setDefaultClient(client);
    await client.ready();
  },
};
