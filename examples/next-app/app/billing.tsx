'use client';
import { GateWall, HeadroomProvider, UpgradePrompt, UsageBar } from '@headroom/react';
import { createHeadroom } from '@headroom/sdk';

// The route handler next door signs the account token on the server.
const token = () => fetch('/api/headroom-token').then((response) => response.text());

export function Billing({ endpoint }: { endpoint: string }) {
  return (
    // createClient runs in the browser only: nothing is created while the page renders on the server.
    <HeadroomProvider createClient={() => createHeadroom({ endpoint, token })}>
      <UpgradePrompt surface="banner" />
      <UsageBar meter="seats" />
      <UsageBar meter="api_calls" />
      <GateWall feature="sso">
        <p>SSO settings</p>
      </GateWall>
    </HeadroomProvider>
  );
}
