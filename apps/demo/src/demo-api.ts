/** The demo backend's API, as the Acme Docs front end sees it. */
export type Segment = 'smb' | 'mid_market' | 'enterprise';

export interface Scenario {
  accountId: string;
  userId: string;
  segment: Segment;
  plan: string;
  seats: number;
  acv: number;
  usage: { seats: number; docs: number; api_calls: number };
  activationAgeDays: number | null;
  health: number | null;
  churnRisk: boolean;
}

export interface Preset {
  id: string;
  label: string;
  description: string;
}

export interface Session {
  endpoint: string;
  scenario: Scenario;
  presets: Preset[];
  /** Plan names and prices (USD per seat per year; null = contact sales). */
  plans: Record<string, { name: string; seatPrice: number | null }>;
}

export type ScenarioPatch = Partial<Omit<Scenario, 'usage'>> & {
  preset?: string;
  usage?: Partial<Scenario['usage']>;
};

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin' };
  if (method !== 'GET') {
    init.body = JSON.stringify(body ?? {});
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await fetch(path, init);
  const data = (await res.json()) as T & { error?: { message: string } };
  if (!res.ok) throw new Error(data.error?.message ?? `HTTP ${res.status}`);
  return data;
}

export const demoApi = {
  session: () => call<Session>('GET', '/api/session'),
  /** A freshly signed account context token for this demo session. */
  token: () => call<{ token: string }>('GET', '/api/token').then((b) => b.token),
  updateScenario: (patch: ScenarioPatch) => call<{ scenario: Scenario }>('PUT', '/api/scenario', patch),
  newAccount: () => call<{ scenario: Scenario }>('POST', '/api/scenario/new-account'),
  createDocument: () => call<{ docs: number }>('POST', '/api/documents'),
  callApi: (n: number) => call<{ api_calls: number }>('POST', '/api/api-calls', { n }),
  invite: (email: string) => call<{ inviteId: string }>('POST', '/api/team/invites', { email }),
  checkout: (plan: string, seats: number) =>
    call<{ plan: string; seats: number; amount: number; acv: number }>('POST', '/api/checkout', {
      plan,
      seats,
    }),
};
