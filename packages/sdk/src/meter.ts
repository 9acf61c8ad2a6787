import { meterLimit, meterState } from '@headroom/core';
import type { ClientContext } from './client-context.ts';
import { derive } from './derive.ts';
import type { EventQueue, QueuedEvent } from './event-queue.ts';
import { isNum } from './is-valid.ts';
import { store, type WritableStore } from './store.ts';
import type { MeterHandle } from './types.ts';

/** A meter as the client holds it. */
export interface Meter {
  $used: WritableStore<number>;
  /** The account's own count (from the edge or a token's claim) raises the value, until the host sets it. */
  raise: (value: number) => void;
  handle: MeterHandle;
}

/**
 * One usage meter. Usage is a counter, not a stream: calls until the queue next hands its
 * events on fold into one `usage` event (summed delta, latest value, number of calls), so a
 * burst of 100,000 adds is one event with the exact total, not 100,000 evicting each other.
 */
export function createMeter(client: ClientContext, queue: Pick<EventQueue, 'epoch'>, id: string): Meter {
  const $used = store(0);
  let hostSet = false;
  const raise = (value: number) => {
    if (!hostSet && value > $used.get()) $used.set(value);
  };
  // The token's `usage` claim, whenever a token is known: a meter made before an async token
  // resolved (a widget's first render) starts at 0 and takes the claim when it arrives.
  client.$claims.subscribe((claims) => raise(claims?.usage?.[id] ?? 0));
  const $ = derive([$used, client.$config, client.$claims], () =>
    meterState({ used: $used.get(), limit: client.forPlan(meterLimit, id) ?? null }),
  );
  let open: QueuedEvent | undefined;
  let openEpoch = -1;
  const record = (value: number, delta?: number) => {
    $used.set(value);
    if (open && openEpoch === queue.epoch()) {
      open.value = value;
      if (delta !== undefined) open.delta = ((open.delta as number | undefined) ?? 0) + delta;
      (open.calls as number)++;
    } else {
      openEpoch = queue.epoch();
      // Undefined fields vanish in JSON, so optional fields need no branches.
      open = client.emit('usage', { meter: id, value, delta, calls: 1 });
    }
    client.schedule();
  };
  return {
    $used,
    raise,
    handle: {
      add: client.guard((n: number) => {
        if (!isNum(n)) return client.drop('meter.add');
        record(Math.max(0, $used.get() + n), n);
      }),
      set: client.guard((value: number) => {
        if (!isNum(value) || value < 0) return client.drop('meter.set');
        hostSet = true;
        record(value);
      }),
      $,
    },
  };
}

/** What `hr.meter()` answers for an id that is not a name: every call is dropped and counted. */
export const noopMeter = (drop: ClientContext['drop']): MeterHandle => ({
  add: () => drop('meter'),
  set: () => drop('meter'),
  $: store(meterState({ used: 0, limit: null })),
});
