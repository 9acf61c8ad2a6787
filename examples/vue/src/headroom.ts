import { createHeadroom } from '@headroom/sdk';
import { setDefaultClient } from '@headroom/widgets/elements';

// Your backend signs the account token; the edge runs behind /headroom.
export const hr = createHeadroom({
  endpoint: import.meta.env.VITE_HEADROOM_ENDPOINT ?? '/headroom',
  token: () => fetch('/api/headroom-token').then((response) => response.text()),
});
setDefaultClient(hr);
