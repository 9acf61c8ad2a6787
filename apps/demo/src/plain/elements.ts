// The plain HTML page's only script: create the client, hand it to the <headroom-*> custom
// elements, and send invites from the invite nudge through our own backend.
import { createHeadroom } from '@headroom/sdk';
import { type InviteEventDetail, setDefaultClient } from '@headroom/widgets/elements';

const session = (await fetch('/api/session').then((r) => r.json())) as { endpoint: string };
const hr = createHeadroom({
  endpoint: session.endpoint,
  token: () =>
    fetch('/api/token')
      .then((r) => r.json())
      .then((b: { token: string }) => b.token),
});
hr.status.$.subscribe((status) => {
  document.documentElement.dataset.headroom = status;
});
setDefaultClient(hr);

document.addEventListener('headroom-invite', (event) => {
  const { email, waitUntil } = (event as CustomEvent<InviteEventDetail>).detail;
  waitUntil(
    fetch('/api/team/invites', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`invite failed: ${res.status}`);
      return ((await res.json()) as { inviteId: string }).inviteId;
    }),
  );
});
