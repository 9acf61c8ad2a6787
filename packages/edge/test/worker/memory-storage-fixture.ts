// A tiny in-memory Storage for the workerd smoke test only: enough for config, health,
// routing and handoffs. Real deployments inject Postgres (createSqlStorage over a driver).
import type { ConfigVersion, Handoff, Storage, StoredEvent } from '../../src/worker.ts';

export function memoryStorageFixture(): Storage {
  const configs: ConfigVersion[] = [];
  const events = new Map<string, StoredEvent>();
  const handoffs = new Map<string, Handoff>();
  const unsupported = () => Promise.reject(new Error('not supported by the fixture'));
  return {
    migrate: async () => {},
    async insertEvents(rows) {
      const added = new Set<string>();
      for (const row of rows) {
        if (events.has(row.id)) continue;
        events.set(row.id, row);
        added.add(row.id);
      }
      return added;
    },
    keepFunnelSteps: async () => {},
    latestConfig: async () => configs[configs.length - 1] ?? null,
    configVersion: async (v) => configs.find((c) => c.version === v) ?? null,
    configVersions: async () => configs.map(({ config: _c, ...rest }) => rest),
    async publishConfig(config, note, now) {
      const version = configs.length + 1;
      configs.push({ version, config, publishedAt: new Date(now).toISOString(), ...(note ? { note } : {}) });
      return version;
    },
    accountHistory: unsupported,
    upsertFacts: async () => {},
    accountInputs: async () => ({
      facts: {},
      gateHits: [],
      invites: [],
      meterHistory: {},
      usage: {},
      lastUpgradeAt: null,
      events: [],
      traitHistory: {},
    }),
    accountState: async () => null,
    saveAccountState: async () => {},
    staleAccounts: async () => [],
    pqlStates: async () => [],
    suppressedStates: async () => [],
    recordRouteDecisions: async () => {},
    recordExposures: async () => {},
    recordConversions: async () => {},
    rebuildAggregates: async () => {},
    pendingRebuild: async () => false,
    async createHandoff({ scope, payload, now }) {
      const key = `${payload.account.id}:${scope}`;
      const existing = handoffs.get(key);
      if (existing) return { handoff: existing, created: false, reason: 'open' };
      const handoff: Handoff = {
        id: payload.handoffId,
        accountId: payload.account.id,
        status: 'pending',
        attempts: 0,
        createdAt: new Date(now).toISOString(),
        deliveredAt: null,
        lastError: null,
        payload,
      };
      handoffs.set(key, handoff);
      return { handoff, created: true };
    },
    handoffs: async () => [...handoffs.values()],
    claimOutbox: async () => [],
    markDelivered: async () => {},
    markFailed: async () => {},
    pendingOutbox: async () => 0,
    experimentCounts: async () => [],
    funnel: async () => ({ byTrigger: [], routes: {}, routedAccounts: {}, direct: 0 }),
    holdoutGroups: async () => [],
    expansionFigures: unsupported,
    async *exportEvents() {},
    ping: async () => {},
    close: async () => {},
  };
}
