import { HeadroomProvider } from '@headroom/react';
import { createHeadroom } from '@headroom/sdk';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Billing } from './billing';

// Where the Headroom edge runs; the dev server (or your reverse proxy) forwards /headroom to it.
const endpoint = import.meta.env.VITE_HEADROOM_ENDPOINT ?? '/headroom';
// Your backend signs the account token (see examples/next-app/app/api/headroom-token/route.ts).
const token = () => fetch('/api/headroom-token').then((response) => response.text());

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <HeadroomProvider createClient={() => createHeadroom({ endpoint, token })}>
        <Billing />
      </HeadroomProvider>
    </StrictMode>,
  );
}
