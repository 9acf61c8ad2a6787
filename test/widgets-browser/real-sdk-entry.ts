// Bundled by esbuild into the unknown-data test page: the real SDK and the elements entry,
// started by the test through `window.hrReal` against a loopback edge on another origin.
import { createHeadroom, type Headroom } from '@headroom/sdk';
import { explainUnknown, type UnknownExplanation } from '@headroom/sdk/diagnose';
import { setDefaultClient } from '@headroom/widgets/elements';

declare global {
  interface Window {
    hrReal: {
      start(endpoint: string, token: string): Promise<void>;
      client?: Headroom;
      endpoint?: string;
      /** Why the current client's data is unknown, from the optional diagnose entry. */
      explain(): Promise<UnknownExplanation | undefined>;
    };
  }
}

window.hrReal = {
  async start(endpoint, token) {
    const client = createHeadroom({ endpoint, token });
    window.hrReal.client = client;
    window.hrReal.endpoint = endpoint;
    setDefaultClient(client);
    await client.ready();
  },
  async explain() {
    const { client, endpoint } = window.hrReal;
    return client && endpoint ? explainUnknown(client, { endpoint }) : undefined;
  },
};
