// @ts-check
// Issue #14's targets and aims for holdback, judged on the run's own figures.
import { digits } from './stat.js';

// The issue's numbers: the only figures here that do not come from the run.
const TARGET = { coreBytes: 12 * 1024, firstVisitKb: 23.5, clickPaintMs: 16 };
const AIM = { coreBytes: 8 * 1024, firstVisitKb: 20, ownCpuMs: 1, heapKb: 100, firstCpuOfVanilla: 0.5 };
const VANILLA = 'vanilla-cookieconsent';

/**
 * @typedef {import('./stat.js').Stat} Stat
 * @typedef {{ blockingKb: Stat | null, firstVisitKb: Stat | null, ownCpuMs: Stat | null, ownHeapKb: Stat | null,
 *   paint1: Stat | null, paint4: Stat | null, bannerMs: Stat | null, shift: Stat | null, firstCpuMs: Stat | null }} Figures
 */

/** @param {number} n */
const bytes = (n) => `${n.toLocaleString('en-US')} B`;
/** @param {boolean | null} ok */
const verdict = (ok) => (ok === null ? 'no figure' : ok ? 'met' : 'not met');
/** @param {Stat | null | undefined} s @param {string} unit */
const figure = (s, unit) => (s ? `${digits(s.median)} ${unit}` : 'no figure');
/** Whether `a`'s median is below `b`'s; null where either is missing. @param {Stat | null | undefined} a @param {Stat | null | undefined} b */
const below = (a, b) => (a && b ? a.median < b.median : null);
/** Whether `a`'s median is no later or larger than `b`'s. @param {Stat | null | undefined} a @param {Stat | null | undefined} b */
const notAbove = (a, b) => (a && b ? a.median <= b.median : null);
/** @param {Stat | null | undefined} s @param {number} most */
const atMost = (s, most) => (s ? s.median <= most : null);
/** @param {string} unit */
const inUnit = (unit) => (/** @type {number} */ n) => `${digits(n)} ${unit}`;
/**
 * How far a median is from an aim, or how much room it leaves.
 * @param {number | undefined} value @param {number | null} aim @param {(n: number) => string} format
 */
const distance = (value, aim, format) => {
  if (value === undefined || aim === null) return 'no figure';
  return value <= aim ? `reached, ${format(aim - value)} to spare` : `${format(value - aim)} to go`;
};

/**
 * The section's lines: each target met or not, each aim with the distance to it.
 * @param {{ coreBytes: number, figuresOf: (name: string) => Figures, candidates: import('./candidates.js').Candidate[], shifts: number[] }} run
 */
export function goals({ coreBytes, figuresOf, candidates, shifts }) {
  const h = figuresOf('holdback');
  const peers = candidates.filter((c) => c.name !== 'holdback').map((c) => ({ label: c.label, ...figuresOf(c.name) }));
  const vanilla = candidates.some((c) => c.name === VANILLA) ? figuresOf(VANILLA) : null;
  const peersAt4 = peers.map((p) => `${p.label} ${figure(p.paint4, 'ms')}`).join(', ');
  const belowEveryPeer = peers.length === 0 || peers.some((p) => !p.paint4) ? null : peers.every((p) => below(h.paint4, p.paint4));
  const bestBanner = peers.filter((p) => p.bannerMs).sort((a, b) => (a.bannerMs?.median ?? 0) - (b.bannerMs?.median ?? 0))[0];
  const firstCpuAim = vanilla?.firstCpuMs ? vanilla.firstCpuMs.median * AIM.firstCpuOfVanilla : null;
  const maxShift = shifts.length > 0 ? Math.max(...shifts) : null;

  return [
    "## #14's targets and aims",
    '',
    'For holdback, from this run’s figures (the table above; medians). vanilla-cookieconsent is the reference where a target',
    'names it; "no figure" means the run has none (a candidate left out with --only, or a scenario that failed).',
    '',
    '| target | this run | |',
    '|---|---|---|',
    `| \`consent.js\` ≤ 12 KB gzip (${bytes(TARGET.coreBytes)}) | ${bytes(coreBytes)} | ${verdict(coreBytes <= TARGET.coreBytes)} |`,
    `| first-visit total ≤ ${TARGET.firstVisitKb} KB gzip | ${figure(h.firstVisitKb, 'KB')} | ${verdict(atMost(h.firstVisitKb, TARGET.firstVisitKb))} |`,
    `| returning visitor’s own CPU below vanilla-cookieconsent’s | ${figure(h.ownCpuMs, 'ms')} vs ${figure(vanilla?.ownCpuMs, 'ms')} | ${verdict(below(h.ownCpuMs, vanilla?.ownCpuMs))} |`,
    `| returning visitor’s heap added below vanilla-cookieconsent’s | ${figure(h.ownHeapKb, 'KB')} vs ${figure(vanilla?.ownHeapKb, 'KB')} | ${verdict(below(h.ownHeapKb, vanilla?.ownHeapKb))} |`,
    `| "Accept all" → next paint ≤ ${TARGET.clickPaintMs} ms at 1× | ${figure(h.paint1, 'ms')} | ${verdict(atMost(h.paint1, TARGET.clickPaintMs))} |`,
    `| … below every peer at 4× CPU | ${figure(h.paint4, 'ms')} vs ${peersAt4 || 'no peer'} | ${verdict(belowEveryPeer)} |`,
    `| banner painted no later than the best peer’s median | ${figure(h.bannerMs, 'ms')} vs ${bestBanner ? `${bestBanner.label} ${figure(bestBanner.bannerMs, 'ms')}` : 'no peer'} | ${verdict(notAbove(h.bannerMs, bestBanner?.bannerMs))} |`,
    `| CLS 0 everywhere (every holdback page view of the run) | ${maxShift === null ? 'no figure' : `largest ${maxShift} over ${shifts.length} views`} | ${verdict(maxShift === null ? null : maxShift === 0)} |`,
    '',
    '| aim | this run | distance |',
    '|---|---|---|',
    `| core ≤ 8 KB gzip (${bytes(AIM.coreBytes)}) | ${bytes(coreBytes)} | ${distance(coreBytes, AIM.coreBytes, bytes)} |`,
    `| first-visit total ≤ ${AIM.firstVisitKb} KB gzip | ${figure(h.firstVisitKb, 'KB')} | ${distance(h.firstVisitKb?.median, AIM.firstVisitKb, inUnit('KB'))} |`,
    `| returning visitor’s own CPU ≤ ${AIM.ownCpuMs} ms | ${figure(h.ownCpuMs, 'ms')} | ${distance(h.ownCpuMs?.median, AIM.ownCpuMs, inUnit('ms'))} |`,
    `| returning visitor’s heap added ≤ ${AIM.heapKb} KB | ${figure(h.ownHeapKb, 'KB')} | ${distance(h.ownHeapKb?.median, AIM.heapKb, inUnit('KB'))} |`,
    `| first-visit script CPU ≤ half of vanilla-cookieconsent’s | ${figure(h.firstCpuMs, 'ms')} vs ${figure(vanilla?.firstCpuMs, 'ms')} | ${distance(h.firstCpuMs?.median, firstCpuAim, inUnit('ms'))} |`,
  ];
}
