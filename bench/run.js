// @ts-check
// npm run bench: holdback against other consent managers, in one run, in
// headless Chromium. Candidates run interleaved (A B C A B C …) so that a noisy
// machine slows all of them alike; figures are medians with min and max.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { machineFacts } from './machine.js';
import { chromiumArgs, chromiumPath } from '../e2e/chromium.js';
import { breakdown, candidateBytes, fileBytes } from './bytes.js';
import { CANDIDATES } from './candidates.js';
import { report } from './report.js';
import { startServer } from './server.js';
import { visit } from './measure.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '11' },
    'scaling-runs': { type: 'string', default: '5' },
    sizes: { type: 'string', default: '100,1000,10000' },
    only: { type: 'string' },
    out: { type: 'string', default: 'bench/results.md' },
  },
});
const runs = Number(values.runs);
const scalingRuns = Math.min(runs, Number(values['scaling-runs']));
const sizes = String(values.sizes)
  .split(',')
  .map(Number)
  .filter((n) => n > 0);
const candidates = values.only ? CANDIDATES.filter((c) => String(values.only).split(',').includes(c.name)) : CANDIDATES;
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(scalingRuns) || candidates.length === 0 || candidates[0]?.name !== 'holdback') {
  console.error(
    'usage: node bench/run.js [--runs 11] [--scaling-runs 5] [--sizes 100,1000,10000] [--only holdback,klaro]  (holdback must be included)',
  );
  process.exit(2);
}

/**
 * `clickThrottle`: the CPU slowdown "Accept all" is clicked at (1× unless given).
 * @typedef {{ name: string, n: number, returning: boolean, throttle: number, accept: boolean, clickThrottle?: number, trace: boolean, runs: number }} Scenario
 * @type {Scenario[]}
 */
const scenarios = [
  { name: 'first', n: 0, returning: false, throttle: 1, accept: true, trace: false, runs },
  { name: 'first-4x', n: 0, returning: false, throttle: 4, accept: true, clickThrottle: 4, trace: false, runs },
  { name: 'first-cpu', n: 0, returning: false, throttle: 1, accept: false, trace: true, runs },
  { name: 'returning', n: 0, returning: true, throttle: 1, accept: false, trace: false, runs },
  { name: 'returning-4x', n: 0, returning: true, throttle: 4, accept: false, trace: false, runs },
  { name: 'returning-cpu', n: 0, returning: true, throttle: 1, accept: false, trace: true, runs },
  ...sizes.map((n) => ({ name: `scale-${n}`, n, returning: false, throttle: 1, accept: true, trace: false, runs: scalingRuns })),
];

const server = await startServer();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
/** @type {Map<string, import("./report.js").Run[]>} */
const results = new Map();
/** @type {Map<string, string>} candidate name → why it is not timed */
const failures = new Map();
const key = (/** @type {string} */ scenario, /** @type {string} */ name) => `${scenario}/${name}`;
const started = Date.now();

try {
  for (let run = 0; run < runs; run++) {
    for (const scenario of scenarios) {
      if (run >= scenario.runs) continue;
      // Beside the candidates: the page without a consent manager, and for a
      // returning visitor the same tags written plainly, which cost what they cost anyway.
      const pages = [null, ...(scenario.returning ? /** @type {const} */ (['plain']) : []), ...candidates];
      for (const entry of pages) {
        const candidate = entry === 'plain' ? null : entry;
        const name = entry === 'plain' ? 'plain' : (candidate?.name ?? 'none');
        const failed = failures.get(key(scenario.name, name)) ?? (scenario.n > 0 ? largerFailure(name, scenario.n) : undefined);
        if (failed) continue;
        const result = await visit({
          browser,
          origin: server.origin,
          hits: server.hits,
          reset: server.reset,
          candidate,
          plain: entry === 'plain',
          n: scenario.n,
          returning: scenario.returning,
          throttle: scenario.throttle,
          accept: scenario.accept,
          clickThrottle: scenario.clickThrottle,
          trace: scenario.trace,
        }).catch((error) => ({ problems: [String(error.message).split('\n')[0]] }));
        if (result.problems.length > 0) {
          failures.set(key(scenario.name, name), result.problems.join('; '));
          console.log(`  ${name} fails ${scenario.name}: ${result.problems.join('; ')}`);
          continue;
        }
        const list = results.get(key(scenario.name, name)) ?? [];
        list.push({ .../** @type {import("./measure.js").Visit} */ (result), run });
        results.set(key(scenario.name, name), list);
      }
    }
    console.log(`run ${run + 1}/${runs} done (${Math.round((Date.now() - started) / 1000)} s)`);
  }

  const markdown = report({
    candidates,
    scenarios,
    results,
    failures,
    bytes: new Map(candidates.map((c) => [c.name, candidateBytes(c)])),
    gzip: new Map(candidates.map((c) => [c.name, fileBytes(c)])),
    modules: await breakdown(),
    machine: {
      ...machineFacts(browser),
      runs,
      scalingRuns,
      seconds: Math.round((Date.now() - started) / 1000),
    },
  });
  // The diary (how the figures are read, what changed them) is written by hand; it goes at the end.
  const diary = new URL('./diary.md', import.meta.url);
  const written = existsSync(diary) ? `${markdown}\n${readFileSync(diary, 'utf8')}` : markdown;
  writeFileSync(String(values.out), written);
  console.log(`\n${markdown}\nwritten to ${values.out}`);
} finally {
  await browser.close();
  await server.close();
}

/** A candidate that failed at a smaller size is not tried at a larger one. */
/** @param {string} name @param {number} n */
function largerFailure(name, n) {
  for (const size of sizes) if (size < n && failures.has(key(`scale-${size}`, name))) return `failed at ${size}`;
  return undefined;
}
