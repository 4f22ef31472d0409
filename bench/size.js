// @ts-check
// The byte budget of the drop-in, checked by `npm test`: dist/consent.js,
// gzipped at level 9, must not exceed the budget in package.json
// ("sizeBudget", in bytes). The budget is set from the measured size (at most
// 5% above it) and never above vanilla-cookieconsent's JS + CSS (15,513 bytes).
import { readFileSync } from 'node:fs';
import { sizes } from './bytes.js';

const CEILING = 15_513;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const budgets = /** @type {Record<string, number>} */ (pkg.sizeBudget ?? {});
let failed = false;
for (const [file, budget] of Object.entries(budgets)) {
  const { raw, gzip, brotli } = sizes(readFileSync(new URL(`../${file}`, import.meta.url)));
  const over = gzip > budget;
  failed ||= over || budget > CEILING;
  console.log(`${over ? 'OVER ' : 'ok   '} ${file}: ${gzip} B gzip (budget ${budget} B, ${((gzip / budget) * 100).toFixed(1)}%), ${brotli} B brotli, ${raw} B raw`);
  if (budget > CEILING) console.log(`      the budget may not exceed ${CEILING} B, vanilla-cookieconsent's JS + CSS`);
}
if (Object.keys(budgets).length === 0) {
  console.log('no "sizeBudget" in package.json');
  failed = true;
}
process.exit(failed ? 1 : 0);
