import { computed, signal } from '@preact/signals';
import { type Health, type Range, type Stats, health as fetchHealth } from './api';
import { dailyRates, type Filter, filterRows, totalsOf } from './figures';
import { lastDays } from './format';
import { asAdmin, explain } from './session';

// What the page is looking at (a range of days, a filter) and what the receiver said about it.
// Loading is started by the components, never by importing this file.

export type Load<T> = { status: 'loading'; previous: T | null } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

export const range = signal<Range>(lastDays(30));
export const filter = signal<Filter>({ regime: null, revision: null });

/** The stats with the range they were asked for, since `range` may already have moved on. */
export const stats = signal<Load<{ range: Range; stats: Stats }>>({ status: 'loading', previous: null });

export const health = signal<Health | null>(null);

let pending: AbortController | null = null;

export async function loadStats(wanted: Range) {
  pending?.abort();
  const controller = new AbortController();
  pending = controller;
  const before = stats.peek();
  stats.value = { status: 'loading', previous: before.status === 'ready' ? before.value : before.status === 'loading' ? before.previous : null };
  try {
    const value = { range: wanted, stats: await asAdmin((api) => api.stats(wanted, controller.signal)) };
    if (!controller.signal.aborted) stats.value = { status: 'ready', value };
  } catch (error) {
    if (!controller.signal.aborted) stats.value = { status: 'failed', message: explain(error) };
  }
}

/** On signing out: the figures go with the token. */
export function forget() {
  pending?.abort();
  stats.value = { status: 'loading', previous: null };
}

export async function loadHealth() {
  try {
    health.value = await fetchHealth();
  } catch {
    health.value = null;
  }
}

/** The figures under the current filter, from the last stats that came (kept on screen while the next load). */
export const figures = computed(() => {
  const load = stats.value;
  const loaded = load.status === 'ready' ? load.value : load.status === 'loading' ? load.previous : null;
  if (!loaded) return null;
  const { categories } = loaded.stats;
  const rows = filterRows(loaded.stats.rows, filter.value);
  return {
    range: loaded.range,
    categories,
    all: loaded.stats.rows,
    rows,
    daily: dailyRates(rows, categories, loaded.range),
    totals: totalsOf(rows, categories),
  };
});
