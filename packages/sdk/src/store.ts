/** Stops a `listen` or `subscribe`. */
export type Unsubscribe = () => void;

/**
 * A value the host can read and watch: the `$` of meters, gates, prompts and the client.
 * It has the reader methods of a nanostores atom (`get`, `listen`, `subscribe`).
 */
export interface ReadableStore<T> {
  /** The current value. */
  get(): T;
  /** Calls `listener` with the new value on every change; not now. */
  listen(listener: (value: T) => void): Unsubscribe;
  /** Calls `listener` with the current value now, then on every change. */
  subscribe(listener: (value: T) => void): Unsubscribe;
}

/** A store the SDK writes. Setting the same value (`===`) notifies no one. */
export interface WritableStore<T> extends ReadableStore<T> {
  set(value: T): void;
}

/**
 * A minimal observable value. Listeners are copied on write, so one that unsubscribes
 * (or subscribes) while being notified does not disturb the round in progress, and a
 * listener always reads the latest value, even after a nested `set`.
 */
export function store<T>(initial: T): WritableStore<T> {
  let value = initial;
  let listeners: ReadonlyArray<(value: T) => void> = [];
  const self: WritableStore<T> = {
    get: () => value,
    set(next) {
      if (next === value) return;
      value = next;
      for (const listener of listeners) listener(value);
    },
    listen(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((other) => other !== listener);
      };
    },
    subscribe(listener) {
      const unsubscribe = self.listen(listener);
      listener(value);
      return unsubscribe;
    },
  };
  return self;
}
