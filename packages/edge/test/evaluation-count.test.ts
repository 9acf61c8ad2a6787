// One event batch is one evaluation of its account: a batch holding both facts (usage) and
// prompt telemetry scheduled the account twice in the same turn, and the second call, seeing
// the first run under way but no start recorded yet, queued a second run behind it — twice the
// evaluation reads on every ingest batch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgliteStorage, type Storage } from '../src/index.ts';
import { accountId, claimsFor, eventId, NOW, type TestApp, testApp, tokenFor } from './helpers.ts';

describe('evaluations per event batch', () => {
  let storage: Storage;
  let inputsRead: string[];
  let app: TestApp;

  beforeAll(async () => {
    const base = await createPgliteStorage();
    inputsRead = [];
    storage = {
      ...base,
      accountInputs: (id, since) => {
        inputsRead.push(id);
        return base.accountInputs(id, since);
      },
    };
    app = testApp(storage);
    await app.ready;
  });
  afterAll(() => storage.close());

  it('evaluates an account once for a batch of usage and prompts', async () => {
    const account = accountId();
    const token = await tokenFor(claimsFor(account));
    const response = await app.post('/v1/events', {
      token,
      events: [
        { id: eventId(), ts: NOW, type: 'usage', meter: 'api_calls', value: 700 },
        { id: eventId(), ts: NOW, type: 'gate_hit', feature: 'sso' },
        {
          id: eventId(),
          ts: NOW,
          type: 'prompt_shown',
          promptId: 'usage_upgrade',
          surface: 'banner',
          triggerId: 'usage_ceiling',
        },
      ],
    });
    expect(response.status).toBe(202);
    await app.flush();
    expect(inputsRead.filter((id) => id === account)).toHaveLength(1);
  });
});
