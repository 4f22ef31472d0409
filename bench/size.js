// @ts-check
// The byte budget of the drop-in, checked by `npm test`: dist/consent.js,
// gzipped at level 9, must not exceed the budget in package.json
// ("sizeBudget", in bytes), which is set at most 5% above the measured size.
// It also shows the distance to vanilla-cookieconsent's JS + CSS (15,513 bytes
// gzip), the size holdback means to stay under.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { sizes } from './bytes.js';

const VANILLA_COOKIECONSENT = 15_513;
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const budgets = /** @type {Record<string, number>} */ (pkg.sizeBudget ?? {});
let failed = Object.keys(budgets).length === 0;
if (failed) console.log('no "sizeBudget" in package.json');
for (const [file, budget] of Object.entries(budgets)) {
  const { raw, gzip, brotli } = sizes(readFileSync(new URL(`../${file}`, import.meta.url)));
  const over = gzip > budget;
  failed ||= over;
  console.log(`${over ? 'OVER ' : 'ok   '} ${file}: ${gzip} B gzip (budget ${budget} B, ${((gzip / budget) * 100).toFixed(1)}%), ${brotli} B brotli, ${raw} B raw`);
  const distance = gzip - VANILLA_COOKIECONSENT;
  console.log(`      ${Math.abs(distance)} B ${distance > 0 ? 'more' : 'less'} than vanilla-cookieconsent's JS + CSS (${VANILLA_COOKIECONSENT} B)`);
}
// Languages are separate files: a site pays only for those it loads.
const languages = new URL('../dist/lang/', import.meta.url);
if (existsSync(languages)) {
  const sizesByCode = readdirSync(languages)
    .filter((file) => file.endsWith('.js'))
    .map((file) => `${file.replace('.js', '')} ${sizes(readFileSync(new URL(file, languages))).gzip} B`);
  console.log(`      each language file adds (gzip): ${sizesByCode.join(', ')}`);
}
process.exit(failed ? 1 : 0);
