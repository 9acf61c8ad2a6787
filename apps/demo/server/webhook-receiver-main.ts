// A stand-in for the CRM / chat integration that receives CS handoffs:
// `webhook-receiver-main.ts --port 8788` with HEADROOM_WEBHOOK_SECRET. Prints each handoff once.
import { parseArgs } from 'node:util';
import { verifyWebhookSignature } from '@headroom/edge';
import { createWebhookReceiver } from './create-webhook-receiver.ts';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '8788' }, host: { type: 'string', default: '127.0.0.1' } },
});
const secret = process.env.HEADROOM_WEBHOOK_SECRET;
if (!secret) {
  console.error('HEADROOM_WEBHOOK_SECRET is required');
  process.exit(2);
}

const server = createWebhookReceiver({
  verify: (raw, headers) => verifyWebhookSignature(headers['headroom-signature'], raw, secret),
  onHandoff: (handoff) => {
    console.log(`CS handoff ${handoff.id}\n${JSON.stringify(handoff.payload, null, 2)}`);
  },
  log: (line) => console.log(line),
});
server.listen(Number(values.port), values.host, () => {
  console.log(`Webhook receiver on http://${values.host}:${values.port}/handoffs`);
});
const shutdown = () => {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2000).unref();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
