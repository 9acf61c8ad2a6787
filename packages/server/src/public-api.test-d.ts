import { describe, expectTypeOf, it } from 'vitest';
import {
  createServerClient,
  type HandoffPayload,
  type HandoffVerificationError,
  type ReportResult,
  type UpsertAccountsResult,
  verifyHandoff,
} from './index.ts';

describe('@headroom/server types', () => {
  it('types what each call resolves with', () => {
    const client = createServerClient({ endpoint: 'https://edge.test', serverKey: 'key' });
    expectTypeOf(
      client.reportUsage({ accountId: 'a', meter: 'docs', value: 1 }),
    ).resolves.toEqualTypeOf<ReportResult>();
    expectTypeOf(
      client.upsertAccount({ accountId: 'a', health: 80 }),
    ).resolves.toEqualTypeOf<UpsertAccountsResult>();
    expectTypeOf(verifyHandoff('{}', new Headers(), 'secret')).resolves.toEqualTypeOf<HandoffPayload>();
    expectTypeOf<HandoffPayload['kind']>().toEqualTypeOf<'route' | 'escalation' | 'stalled_pql'>();
    expectTypeOf<HandoffVerificationError['code']>().toEqualTypeOf<
      'missing_signature' | 'bad_signature' | 'too_old' | 'malformed'
    >();
  });

  it('refuses calls without what the edge requires', () => {
    const client = createServerClient({ endpoint: 'https://edge.test', serverKey: 'key' });
    // @ts-expect-error the account is required
    void client.reportUsage({ meter: 'docs', value: 1 });
    // @ts-expect-error an upgrade has an amount
    void client.reportUpgrade({ accountId: 'a', plan: 'team' });
    // @ts-expect-error the server key is required
    createServerClient({ endpoint: 'https://edge.test' });
  });
});
