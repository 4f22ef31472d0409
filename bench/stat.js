// @ts-check
// The bench's figures: median with min and max over the runs, and how they are written.

/** @param {number[]} values */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** @typedef {{ median: number, min: number, max: number, count: number }} Stat */
/** @param {number[]} values @returns {Stat | null} */
export function stat(values) {
  if (values.length === 0) return null;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}

export const digits = (/** @type {number} */ value) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
export const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** A median, and its range where the runs differ. @param {Stat | null} s */
export function brief(s) {
  if (!s) return '—';
  return s.min === s.max ? digits(s.median) : `${digits(s.median)} (${digits(s.min)}–${digits(s.max)})`;
}
