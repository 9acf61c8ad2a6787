// Seeds a running edge with synthetic traffic so the console has something to show:
// exposures of every experiment, trigger → prompt → click → route events, and server-reported
// upgrades (momentum copy converts better, by construction).
//   HEADROOM_SECRET=… HEADROOM_SERVER_KEY=… node --conditions=@headroom/source --import tsx \
//     apps/console/scripts/seed-edge.ts --endpoint http://127.0.0.1:8787 [--accounts 300]
import { parseArgs } from 'node:util';
import { assignVariant, createEventId, defineConfig, type HeadroomEvent } from '@headroom/core';
import { signAccountToken } from '@headroom/edge';

const { values } = parseArgs({
  options: { endpoint: { type: 'string' }, accounts: { type: 'string', default: '300' } },
});
const endpoint = values.endpoint ?? 'http://127.0.0.1:8787';
const secret = process.env.HEADROOM_SECRET;
const serverKey = process.env.HEADROOM_SERVER_KEY;
const adminToken = process.env.HEADROOM_ADMIN_TOKEN;
if (!secret || !serverKey || !adminToken) {
  throw new Error('set HEADROOM_SECRET, HEADROOM_SERVER_KEY and HEADROOM_ADMIN_TOKEN');
}
const admin = await fetch(new URL('/v1/admin/config', endpoint), {
  headers: { authorization: `Bearer ${adminToken}` },
});
const config = defineConfig(((await admin.json()) as { current: { config: unknown } }).current.config);

let seed = 42;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
// The edge sets account and user from the token.
type BrowserEvent = HeadroomEvent extends infer E
  ? E extends HeadroomEvent
    ? Omit<E, 'accountId' | 'userId'>
    : never
  : never;
const post = async (path: string, body: unknown, auth?: string) => {
  const response = await fetch(new URL(path, endpoint), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return response.json() as Promise<Record<string, unknown>>;
};

const accounts = Number(values.accounts);
const now = Date.now();
let upgrades = 0;
for (let n = 0; n < accounts; n++) {
  const accountId = `acct_seed_${n}`;
  const big = random() < 0.15;
  const claims = {
    sub: accountId,
    uid: `user_${n}`,
    plan: 'team',
    acv: 1440,
    segment: big ? ('mid_market' as const) : ('smb' as const),
    seats: big ? 60 : 8,
    activatedAt: new Date(now - 200 * 86_400_000).toISOString(),
    health: 90,
  };
  const token = await signAccountToken(claims, secret, { expiresIn: '1h' });
  const ts = now - Math.floor(random() * 20 * 86_400_000);
  const events: BrowserEvent[] = [];
  const event = (e: Record<string, unknown>, offset: number) =>
    events.push({ id: createEventId(ts + offset), ts: ts + offset, ...e } as BrowserEvent);
  let converts = false;
  for (const [experimentId, experiment] of Object.entries(config.experiments)) {
    const { variantId } = assignVariant({ id: experimentId, ...experiment }, accountId);
    event({ type: 'exposure', experimentId, variantId }, 0);
    converts ||= random() < (variantId === 'control' ? 0.08 : 0.14);
  }
  const trigger = config.triggers[Math.floor(random() * config.triggers.length)]!;
  event({ type: 'trigger_fired', triggerId: trigger.id, value: 0.85 }, 1000);
  const promptId = trigger.prompt ?? 'usage_upgrade';
  const shown = random() < 0.8;
  const clicked = shown && (converts || random() < 0.3);
  if (shown) event({ type: 'prompt_shown', promptId, triggerId: trigger.id, surface: 'banner' }, 2000);
  if (clicked) event({ type: 'prompt_clicked', promptId, triggerId: trigger.id, surface: 'banner' }, 3000);
  await post('/v1/events', { token, sentAt: Date.now(), events });
  if (clicked) {
    const decision = await post('/v1/route', {
      token,
      plan: 'business',
      seats: claims.seats,
      source: promptId,
    });
    // The SDK reports the routing decision it acted on, as the demo's browser does.
    const routed: BrowserEvent = {
      id: createEventId(ts + 4000),
      ts: ts + 4000,
      type: 'upgrade_routed',
      plan: 'business',
      seats: claims.seats,
      route: decision.route as 'self_serve' | 'self_serve_with_assist' | 'cs_assist',
      expansionAcv: typeof decision.expansionAcv === 'number' ? decision.expansionAcv : null,
      source: promptId,
    };
    await post('/v1/events', { token, sentAt: Date.now(), events: [routed] });
    if (converts) {
      upgrades++;
      await post(
        '/v1/server/events',
        {
          events: [
            {
              id: createEventId(ts + 86_400_000),
              type: 'upgrade_completed',
              ts: Math.min(now, ts + 86_400_000 * (1 + random() * 5)),
              accountId,
              plan: 'business',
              amount: 420 * claims.seats - 1440,
            },
          ],
        },
        serverKey,
      );
    }
  }
}
console.log(`seeded ${accounts} accounts (${upgrades} server-reported upgrades) into ${endpoint}`);
