// @ts-check
// How long `holdback scan` takes on the demo shop (10 pages, five phases each),
// at --concurrency 1 and 4, alternating the two so that a noisy machine slows
// both alike. Writes bench/scan-results.md. `node bench/scan.js --rounds 2`.
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scanDemo } from '../scripts/scan-demo.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    pages: { type: 'string', default: '10' },
    out: { type: 'string', default: 'bench/scan-results.md' },
  },
});
const rounds = Math.max(1, Number(values.rounds));
const concurrencies = [1, 4];
/** @type {Record<number, number[]>} */
const seconds = { 1: [], 4: [] };
let pages = 0;

for (let round = 0; round < rounds; round++) {
  for (const concurrency of concurrencies) {
    const {
      code,
      seconds: took,
      stdout,
    } = await scanDemo(['--max-pages', String(values.pages), '--concurrency', String(concurrency)], { quiet: true });
    if (code !== 0) throw new Error(`the demo scan exited ${code}:\n${stdout}`);
    pages = Number(/^(\d+) page\(s\)/m.exec(stdout)?.[1] ?? 0);
    seconds[concurrency]?.push(took);
    console.log(`round ${round + 1}, --concurrency ${concurrency}: ${pages} pages in ${took.toFixed(1)} s`);
  }
}

const median = (/** @type {number[]} */ list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const rows = concurrencies.map((c) => {
  const m = median(seconds[c] ?? []);
  return `| ${c} | ${m.toFixed(1)} s | ${((pages / m) * 60).toFixed(1)} | ${(m / pages).toFixed(1)} s | ${(seconds[c] ?? []).map((s) => s.toFixed(1)).join(', ')} |`;
});
const markdown = [
  '# Scanner: the demo shop',
  '',
  `${new Date().toISOString().slice(0, 10)} · ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB · Node ${process.version} · ${rounds} alternating round(s)`,
  '',
  `\`holdback scan\` of the demo shop (\`npm run scan:demo\`): ${pages} pages, each through the five phases in fresh browser contexts, default settle time (1 s of quiet network) and timeout. Wall-clock time of the whole command, browser start included; median of the rounds.`,
  '',
  '| --concurrency | scan | pages per minute | per page | each round |',
  '| --: | --: | --: | --: | --- |',
  ...rows,
  '',
  'A page costs about nine settle windows (before and after each choice, each reload and next page), so `--settle` sets the floor; `--concurrency` overlaps pages until the cores are busy.',
  '',
].join('\n');
writeFileSync(String(values.out), markdown);
console.log(markdown);
