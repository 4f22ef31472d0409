import type { Range, StatsRow } from './api';
import { daysOf } from './format';

// What the page shows, worked out from the receiver's rows: no DOM, no state.

export interface Filter {
  regime: string | null;
  revision: number | null;
}

export const filterRows = (rows: StatsRow[], { regime, revision }: Filter) =>
  rows.filter((row) => (regime === null || row.regime === regime) && (revision === null || row.revision === revision));

const sum = (rows: StatsRow[], value: (row: StatsRow) => number) => rows.reduce((total, row) => total + value(row), 0);

/** The share of decisions that allowed each category; a category nobody allowed is 0. */
export function ratesOf(rows: StatsRow[], categories: string[]): Record<string, number> {
  const decisions = sum(rows, (row) => row.decisions);
  return Object.fromEntries(categories.map((name) => [name, decisions ? sum(rows, (row) => row.allowed[name] ?? 0) / decisions : 0]));
}

export interface Daily {
  days: string[];
  decisions: number[];
  /** Per category, a rate per day; null on a day without decisions, so the chart leaves a gap. */
  rates: Record<string, (number | null)[]>;
}

/** Every day of the range, with or without decisions. */
export function dailyRates(rows: StatsRow[], categories: string[], range: Range): Daily {
  const byDay = new Map<string, StatsRow[]>();
  for (const row of rows) byDay.set(row.day, [...(byDay.get(row.day) ?? []), row]);
  const days = daysOf(range.from, range.to);
  const decisions = days.map((day) => sum(byDay.get(day) ?? [], (row) => row.decisions));
  const rates = Object.fromEntries(
    categories.map((name) => [name, days.map((day, i) => (decisions[i] ? ratesOf(byDay.get(day)!, [name])[name]! : null))]),
  );
  return { days, decisions, rates };
}

export interface Totals {
  decisions: number;
  gpc: number;
  rate: Record<string, number>;
  regimes: Map<string, number>;
  revisions: Map<string, number>;
  actions: Map<string, number>;
  sources: Map<string, number>;
}

function tally(rows: StatsRow[], keys: (row: StatsRow) => [string, number][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) for (const [key, n] of keys(row)) counts.set(key, (counts.get(key) ?? 0) + n);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

export function totalsOf(rows: StatsRow[], categories: string[]): Totals {
  return {
    decisions: sum(rows, (row) => row.decisions),
    gpc: sum(rows, (row) => row.gpc),
    rate: ratesOf(rows, categories),
    regimes: tally(rows, (row) => [[row.regime, row.decisions]]),
    revisions: new Map([...tally(rows, (row) => [[String(row.revision), row.decisions]])].sort((a, b) => Number(a[0]) - Number(b[0]))),
    actions: tally(rows, (row) => Object.entries(row.actions)),
    sources: tally(rows, (row) => Object.entries(row.sources)),
  };
}

/** The revisions the rows hold, oldest first, for the filter. */
export const revisionsOf = (rows: StatsRow[]) => [...new Set(rows.map((row) => row.revision))].sort((a, b) => a - b);
