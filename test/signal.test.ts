import { describe, expect, it } from 'vitest';
import { signal } from '../src/signal';

describe('signal', () => {
  it('tells subscribers the new and the previous value, once per change', () => {
    const view = signal<string | null>(null);
    const seen: unknown[] = [];
    const stop = view.subscribe((value, previous) => seen.push([value, previous]));
    view.value = 'banner';
    view.value = 'banner';
    view.value = null;
    stop();
    view.value = 'preferences';
    expect(seen).toEqual([
      ['banner', null],
      [null, 'banner'],
    ]);
    expect(view.value).toBe('preferences');
  });

  it('lets a subscriber unsubscribe itself while being told', () => {
    const count = signal(0);
    const seen: number[] = [];
    const stop = count.subscribe((value) => {
      seen.push(value);
      stop();
    });
    count.subscribe((value) => seen.push(value * 10));
    count.value = 1;
    count.value = 2;
    expect(seen).toEqual([1, 10, 20]);
  });
});
