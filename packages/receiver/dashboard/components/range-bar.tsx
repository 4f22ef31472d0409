import { useState } from 'preact/hooks';
import type { Regime } from '../api';
import { revisionsOf } from '../figures';
import { lastDays, today } from '../format';
import { figures, filter, range } from '../state';
import { ExportButtons } from './export-buttons';

const PRESETS = [7, 30, 90];

export function RangeBar() {
  const [problem, setProblem] = useState<string | null>(null);
  const { from, to } = range.value;
  const revisions = revisionsOf(figures.value?.all ?? []);
  const current = filter.value;

  const setDay = (end: 'from' | 'to', day: string) => {
    const next = { ...range.value, [end]: day };
    if (!day) return setProblem(`Choose a ${end === 'from' ? 'first' : 'last'} day.`);
    if (next.from > next.to) return setProblem('The first day must not be after the last day.');
    setProblem(null);
    range.value = next;
  };

  return (
    <section class="panel controls" aria-labelledby="range-title">
      <h2 id="range-title" class="visually-hidden">
        Range and filter
      </h2>
      <fieldset class="range">
        <legend>Days (UTC)</legend>
        <div class="fields">
          <label>
            From
            <input type="date" value={from} max={today()} onChange={(event) => setDay('from', event.currentTarget.value)} />
          </label>
          <label>
            To
            <input type="date" value={to} max={today()} onChange={(event) => setDay('to', event.currentTarget.value)} />
          </label>
          <div class="presets">
            {PRESETS.map((days) => {
              const preset = lastDays(days);
              const active = preset.from === from && preset.to === to;
              return (
                <button
                  key={days}
                  type="button"
                  class="chip"
                  aria-pressed={active}
                  onClick={() => {
                    setProblem(null);
                    range.value = preset;
                  }}
                >
                  {days} days
                </button>
              );
            })}
          </div>
        </div>
        {problem && (
          <p class="problem" role="alert">
            {problem}
          </p>
        )}
      </fieldset>
      <fieldset class="filter">
        <legend>Filter</legend>
        <div class="fields">
          <label>
            Regime
            <select
              value={current.regime ?? ''}
              onChange={(event) => {
                filter.value = { ...current, regime: (event.currentTarget.value || null) as Regime | null };
              }}
            >
              <option value="">All</option>
              <option value="opt-in">Opt-in</option>
              <option value="opt-out">Opt-out</option>
            </select>
          </label>
          <label>
            Revision
            <select
              value={current.revision === null ? '' : String(current.revision)}
              onChange={(event) => {
                const value = event.currentTarget.value;
                filter.value = { ...current, revision: value ? Number(value) : null };
              }}
            >
              <option value="">All</option>
              {revisions.map((revision) => (
                <option key={revision} value={String(revision)}>
                  {revision}
                </option>
              ))}
              {/* Kept while another range has none of it, so the choice does not vanish under the person. */}
              {current.revision !== null && !revisions.includes(current.revision) && (
                <option value={String(current.revision)}>{current.revision}</option>
              )}
            </select>
          </label>
        </div>
      </fieldset>
      <ExportButtons />
    </section>
  );
}
