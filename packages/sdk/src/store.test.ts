import { describe, expect, it } from 'vitest';
import { store } from './store.ts';

describe('store', () => {
  it('listen hears changes only, subscribe hears the current value first', () => {
    const $count = store(1);
    const heard: string[] = [];
    $count.listen((value) => heard.push(`listen ${value}`));
    $count.subscribe((value) => heard.push(`subscribe ${value}`));
    $count.set(2);
    expect(heard).toEqual(['subscribe 1', 'listen 2', 'subscribe 2']);
    expect($count.get()).toBe(2);
  });

  it('setting the same value notifies no one; an equal but new object does', () => {
    const first = { used: 1 };
    const $state = store(first);
    let calls = 0;
    $state.listen(() => calls++);
    $state.set(first);
    expect(calls).toBe(0);
    $state.set({ used: 1 });
    expect(calls).toBe(1);
  });

  it('an unsubscribed listener hears nothing more, and the others keep hearing', () => {
    const $flag = store(false);
    const heard: boolean[] = [];
    const stop = $flag.listen((value) => heard.push(value));
    $flag.listen(() => {});
    $flag.set(true);
    stop();
    stop();
    $flag.set(false);
    expect(heard).toEqual([true]);
  });

  it('a listener that unsubscribes another while being notified does not skip the rest of the round', () => {
    const $value = store(0);
    const heard: string[] = [];
    let stopSecond = () => {};
    $value.listen(() => {
      heard.push('first');
      stopSecond();
    });
    stopSecond = $value.listen(() => heard.push('second'));
    $value.listen(() => heard.push('third'));
    $value.set(1);
    expect(heard).toEqual(['first', 'second', 'third']);
    $value.set(2);
    expect(heard).toEqual(['first', 'second', 'third', 'first', 'third']);
  });

  it('after a nested set every listener reads the latest value', () => {
    const $value = store(0);
    const heard: number[] = [];
    $value.listen((value) => {
      if (value === 1) $value.set(2);
    });
    $value.listen((value) => heard.push(value));
    $value.set(1);
    expect(heard.at(-1)).toBe(2);
    expect($value.get()).toBe(2);
  });
});
