// @ts-check
// Turns the bench's raw visits into the tables of bench/results.md.

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const at = (/** @type {number} */ i) => sorted[i] ?? Number.NaN;
  return sorted.length % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
}

/** @typedef {{ median: number, min: number, max: number, count: number }} Stat */
/** @param {number[]} values @returns {Stat | null} */
function stat(values) {
  if (values.length === 0) return null;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), count: values.length };
}

const digits = (/** @type {number} */ value) =>
  Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2);
const kb = (/** @type {number} */ bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** @param {Stat | null} s @param {Stat | null} reference */
function cell(s, reference) {
  if (!s) return '—';
  const ratio = reference && reference.median !== 0 ? ` ×${(s.median / reference.median).toFixed(2)}` : '';
  return `${digits(s.median)} (${digits(s.min)}–${digits(s.max)})${ratio}`;
}

/**
 * @typedef {import('./measure.js').Visit & { run: number }} Run
 * @param {{
 *   candidates: import('./candidates.js').Candidate[],
 *   scenarios: { name: string, n: number, returning: boolean, throttle: number }[],
 *   results: Map<string, Run[]>, failures: Map<string, string>,
 *   bytes: Map<string, ReturnType<typeof import('./bytes.js').candidateBytes>>,
 *   modules: { module: string, raw: number, gzip: number }[],
 *   machine: { cpu: string, chromium: string, node: string, date: string, runs: number, scalingRuns: number, seconds: number },
 * }} input
 */
export function report({ candidates, scenarios, results, failures, bytes, modules, machine }) {
  const visits = (/** @type {string} */ scenario, /** @type {string} */ name) => /** @type {Run[]} */ (results.get(`${scenario}/${name}`) ?? []);
  // Script time and heap are what a candidate adds over the same page without a
  // consent manager, viewed the same way, paired run by run.
  /** @param {string} scenario @param {string} name @param {'scriptMs' | 'scriptCpuMs' | 'heapKb'} field */
  const added = (scenario, name, field) => {
    const base = new Map(visits(scenario, 'none').map((v) => [v.run, v[field]]));
    return stat(
      visits(scenario, name)
        .filter((v) => base.get(v.run) != null && v[field] != null)
        .map((v) => /** @type {number} */ (v[field]) - /** @type {number} */ (base.get(v.run))),
    );
  };
  /** @param {string} scenario @param {string} name @param {'bannerMs' | 'shift' | 'activationMs'} field */
  const plain = (scenario, name, field) =>
    stat(
      visits(scenario, name)
        .map((v) => v[field])
        .filter((/** @type {number | null} */ v) => v !== null)
        .map(Number),
    );
  const failure = (/** @type {string} */ scenario, /** @type {string} */ name) => failures.get(`${scenario}/${name}`);

  /** @param {string} title @param {(name: string) => Stat | null} figure @param {string} [scenario] */
  const row = (title, figure, scenario) => {
    const reference = figure('holdback');
    const cells = candidates.map((c) => {
      const failed = scenario ? failure(scenario, c.name) : undefined;
      return failed ? `fails: ${failed}` : cell(figure(c.name), reference);
    });
    return `| ${title} | ${cells.join(' | ')} |`;
  };
  const header = `| | ${candidates.map((c) => `${c.label} ${c.version}`).join(' | ')} |\n|---|${candidates.map(() => '---').join('|')}|`;

  const lines = [];
  lines.push('# Bench results', '');
  lines.push(
    `${machine.date} · ${machine.cpu} · Chromium ${machine.chromium} · Node ${machine.node} · ${machine.runs} interleaved runs (${machine.scalingRuns} for scaling) · ${machine.seconds} s`,
    '',
    'Each cell: median (min–max) over the runs, and the ratio to holdback’s median. Script time and heap are what',
    'the consent manager adds over the same page without one, viewed the same way (paired run by run). "Script time"',
    'is Chromium’s `ScriptDuration` for the page view: wall-clock, so it also counts the moments the renderer waited',
    'for a core, which on a small, busy machine is much of it. "Script CPU time" is the main thread’s CPU time in',
    'the same script tasks, read from a trace of separate page views (`bench/trace.js`; tracing slows a page, so',
    'no other figure is taken from those). A returning visitor has a profile on disk, so that Chromium’s code cache',
    'works for it as it does for a real visitor.',
    'Lower is better everywhere. `npm run bench` writes this file.',
    '',
  );

  lines.push('## Bytes to download (JS + CSS)', '', header);
  lines.push(
    `| gzip | ${candidates
      .map((c) => {
        const b = bytes.get(c.name);
        const h = bytes.get('holdback');
        return b && h ? `${kb(b.gzip)} ×${(b.gzip / h.gzip).toFixed(2)}` : '—';
      })
      .join(' | ')} |`,
  );
  lines.push(`| of which CSS (gzip) | ${candidates.map((c) => kb(bytes.get(c.name)?.css ?? 0)).join(' | ')} |`);
  lines.push(`| brotli | ${candidates.map((c) => kb(bytes.get(c.name)?.brotli ?? 0)).join(' | ')} |`);
  lines.push(`| raw | ${candidates.map((c) => kb(bytes.get(c.name)?.raw ?? 0)).join(' | ')} |`);
  lines.push(`| gates \`<img>\` pixels | ${candidates.map((c) => (c.pixelsAreImages ? 'yes' : 'no (a script makes the pixel)')).join(' | ')} |`);
  lines.push('', 'A returning visitor downloads the same files unless they are cached.', '');

  lines.push('## First visit (banner shown)', '', header);
  lines.push(row('script time, ms', (n) => added('first', n, 'scriptMs'), 'first'));
  lines.push(row('script CPU time, ms', (n) => added('first-cpu', n, 'scriptCpuMs'), 'first-cpu'));
  lines.push(row('script time at 4× CPU throttling, ms', (n) => added('first-4x', n, 'scriptMs'), 'first-4x'));
  lines.push(row('navigation → banner painted, ms', (n) => plain('first', n, 'bannerMs'), 'first'));
  lines.push(row('… at 4× CPU throttling, ms', (n) => plain('first-4x', n, 'bannerMs'), 'first-4x'));
  lines.push(row('layout shift (CLS) from the banner', (n) => plain('first', n, 'shift'), 'first'));
  lines.push(row('JS heap added, KB', (n) => added('first', n, 'heapKb'), 'first'));
  lines.push(row('"Accept all" → every gated element run or loaded, ms', (n) => plain('first', n, 'activationMs'), 'first'));
  lines.push('');

  lines.push('## Returning visitor (choice stored, third page view)', '', header);
  lines.push(row('script time, ms', (n) => added('returning', n, 'scriptMs'), 'returning'));
  lines.push(row('script CPU time, ms', (n) => added('returning-cpu', n, 'scriptCpuMs'), 'returning-cpu'));
  lines.push(row('script time at 4× CPU throttling, ms', (n) => added('returning-4x', n, 'scriptMs'), 'returning-4x'));
  lines.push(row('JS heap added, KB', (n) => added('returning', n, 'heapKb'), 'returning'));
  lines.push('');

  const scaling = scenarios.filter((s) => s.name.startsWith('scale-'));
  if (scaling.length > 0) {
    lines.push('## Scaling: pages with many gated elements (half inline scripts, half pixels)', '', header);
    for (const s of scaling)
      lines.push(row(`${s.n} elements: first-visit script time (initial scan), ms`, (n) => added(s.name, n, 'scriptMs'), s.name));
    for (const s of scaling) lines.push(row(`${s.n} elements: "Accept all" → all let go, ms`, (n) => plain(s.name, n, 'activationMs'), s.name));
    lines.push('');
  }

  lines.push('## Targets', '');
  const h = bytes.get('holdback');
  const v = bytes.get('vanilla-cookieconsent');
  if (h && v)
    lines.push(
      `- drop-in gzip ${kb(h.gzip)} vs vanilla-cookieconsent JS + CSS ${kb(v.gzip)}: ${h.gzip < v.gzip ? 'smaller' : 'NOT smaller'}; aim 12 KB: ${h.gzip <= 12 * 1024 ? 'met' : `missed by ${kb(h.gzip - 12 * 1024)}`}.`,
    );
  for (const [label, field, suffix] of /** @type {const} */ ([
    ['script time', 'scriptMs', ''],
    ['script CPU time', 'scriptCpuMs', '-cpu'],
  ])) {
    const hf = added(`first${suffix}`, 'holdback', field);
    const vf = added(`first${suffix}`, 'vanilla-cookieconsent', field);
    if (hf && vf)
      lines.push(
        `- first-visit ${label} ${digits(hf.median)} ms vs vanilla-cookieconsent ${digits(vf.median)} ms: ${hf.median <= vf.median / 2 ? 'at most half (met)' : `ratio ${(hf.median / vf.median).toFixed(2)} (target ≤ 0.50: missed)`}.`,
      );
    const hr = added(`returning${suffix}`, 'holdback', field);
    if (hf && hr)
      lines.push(
        `- returning visitor ${label} ${digits(hr.median)} ms vs own first visit ${digits(hf.median)} ms: ratio ${(hr.median / hf.median).toFixed(2)} (target ≤ 0.20: ${hr.median <= hf.median / 5 ? 'met' : 'missed'}).`,
      );
  }
  const cls = plain('first', 'holdback', 'shift');
  if (cls) lines.push(`- layout shift: ${cls.max === 0 ? 'zero in every run (met)' : `max ${cls.max}`}.`);
  if (scaling.length > 1) {
    const times = scaling.map((s) => plain(s.name, 'holdback', 'activationMs')?.median ?? NaN);
    lines.push(
      `- activation time for holdback by size: ${scaling.map((s, i) => `${s.n}: ${digits(/** @type {number} */ (times[i]))} ms`).join(', ')}.`,
    );
    const thousand = scaling.find((s) => s.n === 1000);
    if (thousand) {
      const mine = plain(thousand.name, 'holdback', 'activationMs')?.median ?? Infinity;
      const others = candidates.slice(1).map((c) => [c.label, plain(thousand.name, c.name, 'activationMs')?.median]);
      const beaten = others.filter(([, t]) => typeof t === 'number' && t < mine);
      lines.push(
        `- at 1,000 elements holdback is ${beaten.length === 0 ? 'the fastest to let everything go (met)' : `slower than ${beaten.map(([l]) => l).join(', ')}`}.`,
      );
    }
  }
  lines.push('');

  lines.push(
    '## Where holdback’s bytes go',
    '',
    'Each module minified and gzipped on its own (the parts overlap less than the whole; they rank, not add up).',
    '',
  );
  lines.push('| module | minified | gzip |', '|---|---|---|');
  for (const m of modules) lines.push(`| ${m.module} | ${m.raw} | ${m.gzip} |`);
  lines.push('');
  return lines.join('\n');
}
