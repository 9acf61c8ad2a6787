import type { ExperimentWindows, ExposureRow, Storage, StoredEvent } from './storage/storage.ts';

/**
 * Keeps experiment aggregates current with a batch of newly stored events: first exposures
 * (browser exposures, unit = the verified account or user id, never a browser-supplied
 * unitId) and the units that server-reported goal events may convert.
 */
export async function keepExperiments(
  storage: Pick<Storage, 'recordExposures' | 'recordConversions'>,
  stored: readonly StoredEvent[],
  windows: ExperimentWindows,
): Promise<void> {
  const exposures: ExposureRow[] = [];
  const goals: { accountId: string; userId: string | null; name: string }[] = [];
  for (const row of stored) {
    const event = row.payload;
    if (event.type === 'exposure' && row.source === 'browser') {
      const unit = windows[event.experimentId]?.unit;
      const unitId = unit === 'user' ? row.userId : row.accountId;
      if (unit === undefined || unitId === null) continue;
      exposures.push({
        experimentId: event.experimentId,
        version: event.experimentVersion ?? 1,
        unitId,
        accountId: row.accountId,
        variantId: event.variantId,
        exposedAt: row.receivedAt,
        eventId: row.id,
      });
    } else if (row.source === 'server' && (event.type === 'upgrade_completed' || event.type === 'custom')) {
      goals.push({
        accountId: row.accountId,
        userId: row.userId,
        name: event.type === 'custom' ? event.name : event.type,
      });
    }
  }
  await storage.recordExposures(exposures, windows);
  await storage.recordConversions(goals, windows);
}
