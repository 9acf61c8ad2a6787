/**
 * Splits one async iterable into two that yield the same items, reading the source once. Items
 * are buffered only until both readers have taken them, so two readers that keep pace (two
 * backtests over one event stream) hold a handful of items, not the stream.
 */
export function teeAsync<T>(
  source: AsyncIterable<T>,
  maxBuffered = 10_000,
): [AsyncIterable<T>, AsyncIterable<T>] {
  const iterator = source[Symbol.asyncIterator]();
  const buffers: [T[], T[]] = [[], []];
  let done = false;
  let failure: { error: unknown } | null = null;
  let pulling: Promise<void> | null = null;
  const pull = () => {
    pulling ??= iterator.next().then(
      (step) => {
        pulling = null;
        if (step.done) done = true;
        else for (const buffer of buffers) buffer.push(step.value);
      },
      (error: unknown) => {
        pulling = null;
        failure = { error };
      },
    );
    return pulling;
  };
  const reader = (index: 0 | 1): AsyncIterable<T> => ({
    async *[Symbol.asyncIterator]() {
      const buffer = buffers[index];
      for (;;) {
        if (buffer.length > 0) {
          yield buffer.shift() as T;
          continue;
        }
        if (failure) throw failure.error;
        if (done) return;
        // The other reader lags: let it catch up instead of buffering the stream for it.
        if (buffers[1 - index]!.length >= maxBuffered) await new Promise((resolve) => setTimeout(resolve, 0));
        else await pull();
      }
    },
  });
  return [reader(0), reader(1)];
}
