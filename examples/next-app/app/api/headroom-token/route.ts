import { signAccountToken } from '@headroom/edge/token';

// Signs the account context token on the server: plan, ACV and account id come from your own
// session and billing records, never from the browser.
export async function GET() {
  const secret = process.env.HEADROOM_SECRET;
  if (!secret) return new Response('HEADROOM_SECRET is not set', { status: 500 });
  const account = await currentAccount();
  const token = await signAccountToken(account, secret, { expiresIn: '15m' });
  return new Response(token, { headers: { 'content-type': 'text/plain', 'cache-control': 'no-store' } });
}

// Stand-in for your session lookup.
async function currentAccount() {
  return {
    sub: 'acct_42',
    uid: 'user_7',
    plan: 'team',
    acv: 1440,
    segment: 'smb' as const,
    seats: 10,
    activatedAt: '2026-01-15',
    usage: { seats: 9, api_calls: 82_000 },
  };
}
