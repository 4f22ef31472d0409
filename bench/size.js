// @ts-check
// The byte budgets of the shipped files, checked by `npm test`: each file,
// gzipped at level 9, must not exceed its budget in package.json
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
  console.log(
    `${over ? 'OVER ' : 'ok   '} ${file}: ${gzip} B gzip (budget ${budget} B, ${((gzip / budget) * 100).toFixed(1)}%), ${brotli} B brotli, ${raw} B raw`,
  );
  const distance = gzip - VANILLA_COOKIECONSENT;
  console.log(`      ${Math.abs(distance)} B ${distance > 0 ? 'more' : 'less'} than vanilla-cookieconsent's JS + CSS (${VANILLA_COOKIECONSENT} B)`);
}
// A first visit loads the drop-in and the UI file: the figure to hold beside vanilla-cookieconsent's.
const firstVisit = ['dist/consent.js', 'dist/consent-ui.js'].map((file) => sizes(readFileSync(new URL(`../${file}`, import.meta.url))).gzip);
const total = firstVisit.reduce((sum, bytes) => sum + bytes, 0);
console.log(
  `      first visit (consent.js + consent-ui.js): ${total} B gzip, ${Math.abs(total - VANILLA_COOKIECONSENT)} B ${total > VANILLA_COOKIECONSENT ? 'more' : 'less'} than vanilla-cookieconsent's JS + CSS`,
);
// consent-autoblock.js is consent.js plus auto-blocking's code and the tracker
// catalogue. Built once more with an empty catalogue, the two are told apart
// exactly (each as the drop-in compresses it, not on its own).
const AUTOBLOCK_CODE_BUDGET = 3400;
const autoblock = new URL('../dist/consent-autoblock.js', import.meta.url);
if (existsSync(autoblock)) {
  const out = new URL('../bench/.out/size/', import.meta.url);
  const { build } = await import('vite');
  process.env.HOLDBACK_EMPTY_CATALOGUE = '1';
  await build({ mode: 'autoblock', logLevel: 'silent', build: { outDir: out.pathname, emptyOutDir: true } });
  delete process.env.HOLDBACK_EMPTY_CATALOGUE;
  const whole = sizes(readFileSync(autoblock)).gzip;
  const codeOnly = sizes(readFileSync(new URL('consent-autoblock.js', out))).gzip;
  const core = sizes(readFileSync(new URL('../dist/consent.js', import.meta.url))).gzip;
  const code = codeOnly - core;
  const over = code > AUTOBLOCK_CODE_BUDGET;
  failed ||= over;
  console.log(
    `${over ? 'OVER ' : 'ok   '} auto-blocking's code: ${code} B gzip (budget ${AUTOBLOCK_CODE_BUDGET} B); the tracker catalogue: ${whole - codeOnly} B gzip`,
  );
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
