// @ts-check
// Turns the bench's raw visits into the tables of bench/results.md.

import { goals } from './goals.js';
import { brief, digits, kb, stat } from './stat.js';

/** @typedef {import('./stat.js').Stat} Stat */

/** @param {Stat | null} s @param {Stat | null} reference */
function cell(s, reference) {
  if (!s) return '—';
  const ratio = reference && reference.median !== 0 ? ` ×${(s.median / reference.median).toFixed(2)}` : '';
  return `${digits(s.median)} (${digits(s.min)}–${digits(s.max)})${ratio}`;
}

/** A click → next paint cell: the median, and how many views had to use the frame-based figure. @param {Run[]} views */
function clickCell(views) {
  const figure = stat(views.map((v) => v.eventMs ?? v.frameMs).filter((ms) => ms !== null));
  const framed = views.filter((v) => v.eventMs === null && v.frameMs !== null).length;
  return framed > 0 ? `${brief(figure)} (frame-based in ${framed}/${views.length})` : brief(figure);
}

/** CLS is small but not rounded away: exactly 0, or the largest shift seen. @param {Stat | null} s */
const clsCell = (s) => (!s ? '—' : s.max === 0 ? '0' : `max ${s.max.toPrecision(2)}`);

/**
 * @typedef {import('./measure.js').Visit & { run: number }} Run
 * @typedef {'scriptMs' | 'scriptCpuMs' | 'heapKb' | 'bannerMs' | 'shift' | 'activationMs' | 'eventMs' | 'frameMs'} Field
 * @param {{
 *   candidates: import('./candidates.js').Candidate[],
 *   scenarios: { name: string, n: number, returning: boolean, throttle: number }[],
 *   results: Map<string, Run[]>, failures: Map<string, string>,
 *   bytes: Map<string, ReturnType<typeof import('./bytes.js').candidateBytes>>,
 *   gzip: Map<string, Map<string, number>>,
 *   modules: { module: string, raw: number, gzip: number }[],
 *   machine: { cpu: string, chromium: string, node: string, date: string, runs: number, scalingRuns: number, seconds: number },
 * }} input
 */
export function report({ candidates, scenarios, results, failures, bytes, gzip, modules, machine }) {
  const visits = (/** @type {string} */ scenario, /** @type {string} */ name) => /** @type {Run[]} */ (results.get(`${scenario}/${name}`) ?? []);
  /** The field over the runs, from the views that have it. @param {string} scenario @param {string} name @param {Field} field */
  const values = (scenario, name, field) =>
    visits(scenario, name)
      .map((v) => v[field])
      .filter((value) => value !== null)
      .map(Number);
  /** @param {string} scenario @param {string} name @param {Field} field */
  const raw = (scenario, name, field) => stat(values(scenario, name, field));
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
  // A candidate's own cost: each of its views minus the median of the page with
  // the same tags written plainly, which cost what they cost with or without it.
  /** @param {string} scenario @param {string} name @param {'scriptMs' | 'scriptCpuMs' | 'heapKb'} field */
  const own = (scenario, name, field) => {
    const base = raw(scenario, 'plain', field);
    return base ? stat(values(scenario, name, field).map((value) => value - base.median)) : null;
  };
  /** Click → next paint: Event Timing's figure where it gave one, else the frame-based one. @param {string} scenario @param {string} name */
  const clickPaint = (scenario, name) =>
    stat(
      visits(scenario, name)
        .map((v) => v.eventMs ?? v.frameMs)
        .filter((ms) => ms !== null),
    );
  const gzipOf = (/** @type {string} */ name, /** @type {string} */ path) => gzip.get(name)?.get(path) ?? 0;
  /** gzip KB of the candidate's files that each first visit fetched, of those `which` picks. */
  const fetchedKb = (/** @type {string} */ name, /** @type {(file: import('./measure.js').OwnFile) => boolean} */ which) =>
    stat(visits('first', name).map((v) => v.files.filter(which).reduce((sum, file) => sum + gzipOf(name, file.path), 0) / 1024));
  /** Issue #14's figures of one candidate. @param {string} name @returns {import('./goals.js').Figures} */
  const figuresOf = (name) => ({
    blockingKb: fetchedKb(name, (file) => file.blocking),
    firstVisitKb: fetchedKb(name, () => true),
    ownCpuMs: own('returning-cpu', name, 'scriptCpuMs'),
    ownHeapKb: own('returning', name, 'heapKb'),
    paint1: clickPaint('first', name),
    paint4: clickPaint('first-4x', name),
    bannerMs: raw('first', name, 'bannerMs'),
    shift: raw('first', name, 'shift'),
    firstCpuMs: added('first-cpu', name, 'scriptCpuMs'),
  });
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
  /** A row of any text per candidate. @param {string} title @param {(name: string) => string} text */
  const textRow = (title, text) => `| ${title} | ${candidates.map((c) => text(c.name)).join(' | ')} |`;
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

  lines.push('## Per candidate', '');
  lines.push(
    '| | render-blocking, KB | first visit, KB | returning: own CPU, ms | returning: heap added, KB | "Accept all" → next paint, ms | … at 4× CPU, ms | banner painted, ms | CLS |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const c of candidates) {
    const f = figuresOf(c.name);
    const cells = [brief(f.blockingKb), brief(f.firstVisitKb), brief(f.ownCpuMs), brief(f.ownHeapKb)];
    cells.push(clickCell(visits('first', c.name)), clickCell(visits('first-4x', c.name)), brief(f.bannerMs), clsCell(f.shift));
    lines.push(`| ${c.label} ${c.version} | ${cells.join(' | ')} |`);
  }
  lines.push(
    '',
    'Bytes are gzip, of the candidate’s own files as the browser’s Resource Timing lists them in the first visit: render-blocking',
    'are those it held rendering for (`renderBlockingStatus`: scripts in `<head>` without async or defer, and stylesheets there);',
    'the first visit is everything, "Accept all" included. A returning visitor’s own figures are its page minus the median of',
    'the same page with the same tags written plainly (ordinary `<script>` and `<img>`, no consent manager): CPU is the traced',
    'script CPU time. "Accept all" → next paint is a real mouse click; the figure is Event Timing’s `duration`, the largest among',
    'the interaction’s entries (what Interaction to Next Paint reads, in steps of 8 ms). Where Event Timing gave no entry, the',
    'frame-based figure stands in: from pointerdown to the end of the first frame painted after the click’s handlers. Banner',
    'painted is from navigation; CLS is the first visit’s, up to the click. A dash: no figure (the tables below say why).',
    '',
  );

  lines.push(...goals({ coreBytes: gzipOf('holdback', 'consent.js'), figuresOf, candidates, shifts: holdbackShifts(results) }), '');

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
  lines.push(row('render-blocking (gzip, measured in the first visit), KB', (n) => fetchedKb(n, (file) => file.blocking), 'first'));
  lines.push(row('a first visit fetches (gzip, measured), KB', (n) => fetchedKb(n, () => true), 'first'));
  lines.push(
    textRow(
      'files a first visit fetches',
      (n) =>
        visits('first', n)[0]
          ?.files.map((f) => `\`${f.path}\`${f.blocking ? ' (blocking)' : ''}`)
          .join(', ') ?? '—',
    ),
  );
  lines.push(`| brotli | ${candidates.map((c) => kb(bytes.get(c.name)?.brotli ?? 0)).join(' | ')} |`);
  lines.push(`| raw | ${candidates.map((c) => kb(bytes.get(c.name)?.raw ?? 0)).join(' | ')} |`);
  lines.push(`| gates \`<img>\` pixels | ${candidates.map((c) => (c.pixelsAreImages ? 'yes' : 'no (a script makes the pixel)')).join(' | ')} |`);
  lines.push('', 'A returning visitor downloads the same files unless they are cached.', '');

  lines.push('## First visit (banner shown)', '', header);
  lines.push(row('script time, ms', (n) => added('first', n, 'scriptMs'), 'first'));
  lines.push(row('script CPU time, ms', (n) => added('first-cpu', n, 'scriptCpuMs'), 'first-cpu'));
  lines.push(row('script time at 4× CPU throttling, ms', (n) => added('first-4x', n, 'scriptMs'), 'first-4x'));
  lines.push(row('navigation → banner painted, ms', (n) => raw('first', n, 'bannerMs'), 'first'));
  lines.push(row('… at 4× CPU throttling, ms', (n) => raw('first-4x', n, 'bannerMs'), 'first-4x'));
  lines.push(row('layout shift (CLS) from the banner', (n) => raw('first', n, 'shift'), 'first'));
  lines.push(row('JS heap added, KB', (n) => added('first', n, 'heapKb'), 'first'));
  lines.push(row('"Accept all" → every gated element run or loaded, ms', (n) => raw('first', n, 'activationMs'), 'first'));
  lines.push(row('"Accept all" click → next paint (Event Timing, else frame-based), ms', (n) => clickPaint('first', n), 'first'));
  lines.push(row('… at 4× CPU throttling, ms', (n) => clickPaint('first-4x', n), 'first-4x'));
  lines.push(
    textRow('views whose click Event Timing timed, 1× / 4×', (n) =>
      ['first', 'first-4x'].map((s) => `${values(s, n, 'eventMs').length}/${visits(s, n).length}`).join(' / '),
    ),
  );
  lines.push(row('"Accept all" click → frame painted after it (frame-based, finer steps), ms', (n) => raw('first', n, 'frameMs'), 'first'));
  lines.push(row('… at 4× CPU throttling, ms', (n) => raw('first-4x', n, 'frameMs'), 'first-4x'));
  lines.push('');

  lines.push('## Returning visitor (choice stored, third page view)', '', header);
  lines.push(row('script time, ms', (n) => added('returning', n, 'scriptMs'), 'returning'));
  lines.push(row('script CPU time, ms', (n) => added('returning-cpu', n, 'scriptCpuMs'), 'returning-cpu'));
  lines.push(row('script time at 4× CPU throttling, ms', (n) => added('returning-4x', n, 'scriptMs'), 'returning-4x'));
  lines.push(row('JS heap added, KB', (n) => added('returning', n, 'heapKb'), 'returning'));
  lines.push(row('own script CPU time (minus the plain tags’ median), ms', (n) => own('returning-cpu', n, 'scriptCpuMs'), 'returning-cpu'));
  lines.push(row('own script time (minus the plain tags’ median), ms', (n) => own('returning', n, 'scriptMs'), 'returning'));
  lines.push(
    row('own script time at 4× CPU throttling (minus the plain tags’ median), ms', (n) => own('returning-4x', n, 'scriptMs'), 'returning-4x'),
  );
  lines.push(row('own JS heap (minus the plain tags’ median), KB', (n) => own('returning', n, 'heapKb'), 'returning'));
  lines.push(
    '',
    `The page with the same tags written plainly and no consent manager, as measured: script CPU ${brief(raw('returning-cpu', 'plain', 'scriptCpuMs'))} ms,`,
    `script time ${brief(raw('returning', 'plain', 'scriptMs'))} ms, JS heap ${brief(raw('returning', 'plain', 'heapKb'))} KB.`,
  );
  lines.push('');

  const scaling = scenarios.filter((s) => s.name.startsWith('scale-'));
  if (scaling.length > 0) {
    lines.push('## Scaling: pages with many gated elements (half inline scripts, half pixels)', '', header);
    for (const s of scaling)
      lines.push(row(`${s.n} elements: first-visit script time (initial scan), ms`, (n) => added(s.name, n, 'scriptMs'), s.name));
    for (const s of scaling) lines.push(row(`${s.n} elements: "Accept all" → all let go, ms`, (n) => raw(s.name, n, 'activationMs'), s.name));
    lines.push('');
  }

  lines.push('## Targets', '');
  const h = bytes.get('holdback');
  const v = bytes.get('vanilla-cookieconsent');
  if (h && v)
    lines.push(
      `- everything holdback ships for a page (gzip) ${kb(h.gzip)} vs vanilla-cookieconsent JS + CSS ${kb(v.gzip)}: ${h.gzip < v.gzip ? 'smaller' : 'NOT smaller'}.`,
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
  const cls = raw('first', 'holdback', 'shift');
  if (cls) lines.push(`- layout shift: ${cls.max === 0 ? 'zero in every run (met)' : `max ${cls.max}`}.`);
  if (scaling.length > 1) {
    const times = scaling.map((s) => raw(s.name, 'holdback', 'activationMs')?.median ?? NaN);
    lines.push(
      `- activation time for holdback by size: ${scaling.map((s, i) => `${s.n}: ${digits(/** @type {number} */ (times[i]))} ms`).join(', ')}.`,
    );
    const thousand = scaling.find((s) => s.n === 1000);
    if (thousand) {
      const mine = raw(thousand.name, 'holdback', 'activationMs')?.median ?? Infinity;
      const others = candidates.slice(1).map((c) => [c.label, raw(thousand.name, c.name, 'activationMs')?.median]);
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

/** Every layout shift holdback's pages had, in every scenario of the run. @param {Map<string, Run[]>} results */
function holdbackShifts(results) {
  return [...results].filter(([key]) => key.endsWith('/holdback')).flatMap(([, runs]) => runs.map((run) => run.shift));
}
