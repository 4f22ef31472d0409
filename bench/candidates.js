// @ts-check
// The consent managers compared, each on equivalent pages written in its own
// documented markup: a banner with three optional categories, one gated inline
// script, one gated external script and one gated 1×1 pixel (or, for a
// manager that cannot gate images, the script its documentation offers instead).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @param {string} name */
function packageDir(name) {
  return dirname(require.resolve(`${name}/package.json`));
}

/** @param {string} name */
function version(name) {
  return JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')).version;
}

/**
 * Gated content: `n` scripts and `n` pixels alternating (the standard page has one
 * of each and one external script). Every script reports to the harness with
 * __ran(id); every pixel points to /gated/pixel.gif.
 * @typedef {{ inline(id: string): string, external(id: string): string, pixel(id: string, src: string): string }} Markup
 * @param {Markup} markup @param {number} n
 */
export function gatedContent(markup, n) {
  if (n === 0) return [markup.inline('inline'), markup.external('ext'), markup.pixel('pixel', '/gated/pixel.gif?id=pixel')].join('\n');
  const parts = [];
  // The pixels share one address: scaling measures the consent manager, not the network.
  for (let i = 0; i < n; i++) parts.push(i % 2 === 0 ? markup.inline(`s${i}`) : markup.pixel(`p${i}`, '/gated/pixel.gif?id=shared'));
  return parts.join('\n');
}

/**
 * The same tags written plainly, unheld, on a page without a consent manager:
 * what the tags cost themselves, which is not a consent manager's to answer for.
 * @type {Markup}
 */
export const PLAIN_MARKUP = {
  inline: (id) => `<script>__ran(${JSON.stringify(id)})</script>`,
  external: (id) => `<script src="${externalUrl(id)}"></script>`,
  pixel: (_, src) => `<img src="${src}" width="1" height="1" alt="">`,
};

/** A pixel made by a script, for managers that gate scripts only; __src() marks it let go. */
const imagePixel = (/** @type {string} */ id, /** @type {string} */ src) =>
  `__src(); var i = new Image(); i.onload = function () { __pixel(${JSON.stringify(id)}) }; i.src = ${JSON.stringify(src)};`;
const externalUrl = (/** @type {string} */ id) => `/gated/ext.js?id=${id}`;

/**
 * @typedef {{
 *   name: string, version: string, label: string,
 *   assets: Record<string, string>,
 *   head(): string, tail(): string, markup: Markup,
 *   pixelsAreImages: boolean,
 *   bannerExpression: string, acceptExpression: string,
 * }} Candidate
 */

/** @type {Candidate} */
const holdback = {
  name: 'holdback',
  label: 'holdback',
  version: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
  assets: { 'consent.js': join(root, 'dist', 'consent.js'), 'consent-ui.js': join(root, 'dist', 'consent-ui.js') },
  head: () => '<script src="/cm/holdback/consent.js"></script>',
  tail: () => '',
  markup: {
    inline: (id) => `<script type="text/plain" data-category="statistics">__ran(${JSON.stringify(id)})</script>`,
    external: (id) => `<script type="text/plain" data-category="statistics" src="${externalUrl(id)}"></script>`,
    pixel: (_, src) => `<img data-category="marketing" data-src="${src}" width="1" height="1" alt="">`,
  },
  pixelsAreImages: true,
  bannerExpression: `document.querySelector('[data-holdback]')?.shadowRoot?.querySelector('.banner')`,
  acceptExpression: `document.querySelector('[data-holdback]').shadowRoot.querySelector('.banner .button')`,
};

const vccDir = join(packageDir('vanilla-cookieconsent'), 'dist');
/** @type {Candidate} */
const vanilla = {
  name: 'vanilla-cookieconsent',
  label: 'vanilla-cookieconsent',
  version: version('vanilla-cookieconsent'),
  assets: { 'cookieconsent.umd.js': join(vccDir, 'cookieconsent.umd.js'), 'cookieconsent.css': join(vccDir, 'cookieconsent.css') },
  head: () =>
    '<link rel="stylesheet" href="/cm/vanilla-cookieconsent/cookieconsent.css">\n<script src="/cm/vanilla-cookieconsent/cookieconsent.umd.js"></script>',
  // run() reads the script tags present when it is called, so it goes last (its docs use a module script).
  tail: () => `<script>
CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, preferences: {}, statistics: {}, marketing: {} },
  language: { default: 'en', translations: { en: {
    consentModal: { title: 'Your privacy choices', description: 'We use cookies to measure and to show ads.', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Customize' },
    preferencesModal: { title: 'Privacy preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save choices', sections: [
      { title: 'Strictly necessary', linkedCategory: 'necessary' },
      { title: 'Preferences', linkedCategory: 'preferences' },
      { title: 'Statistics', linkedCategory: 'statistics' },
      { title: 'Marketing', linkedCategory: 'marketing' } ] } } } },
});
</script>`,
  markup: {
    inline: (id) => `<script type="text/plain" data-category="statistics">__ran(${JSON.stringify(id)})</script>`,
    external: (id) => `<script type="text/plain" data-category="statistics" data-src="${externalUrl(id)}"></script>`,
    // It gates scripts only: the documented way to a pixel is a script that makes one.
    pixel: (id, src) => `<script type="text/plain" data-category="marketing">${imagePixel(id, src)}</script>`,
  },
  pixelsAreImages: false,
  bannerExpression: `document.querySelector('#cc-main .cm')`,
  acceptExpression: `document.querySelector('#cc-main .cm [data-role="all"]')`,
};

const klaroDir = join(packageDir('klaro'), 'dist');
/** @type {Candidate} */
const klaro = {
  name: 'klaro',
  label: 'klaro',
  version: version('klaro'),
  assets: { 'klaro.js': join(klaroDir, 'klaro.js') },
  head: () => `<script>
var klaroConfig = {
  version: 1, elementID: 'klaro', storageMethod: 'cookie', cookieName: 'klaro', cookieExpiresAfterDays: 365,
  default: false, mustConsent: false, acceptAll: true, hideDeclineAll: false, hideLearnMore: false,
  translations: { en: { privacyPolicyUrl: '/privacy', purposes: { preferences: 'Preferences', statistics: 'Statistics', marketing: 'Marketing' } } },
  services: [
    { name: 'inline-tag', title: 'Inline tag', purposes: ['statistics'] },
    { name: 'external-tag', title: 'External tag', purposes: ['statistics'] },
    { name: 'pixel', title: 'Pixel', purposes: ['marketing'] },
    { name: 'prefs', title: 'Preferences', purposes: ['preferences'] },
  ],
};
</script>
<script defer src="/cm/klaro/klaro.js"></script>`,
  tail: () => '',
  markup: {
    inline: (id) => `<script type="text/plain" data-type="text/javascript" data-name="inline-tag">__ran(${JSON.stringify(id)})</script>`,
    external: (id) => `<script type="text/plain" data-type="text/javascript" data-name="external-tag" data-src="${externalUrl(id)}"></script>`,
    pixel: (_, src) => `<img data-name="pixel" data-src="${src}" width="1" height="1" alt="">`,
  },
  pixelsAreImages: true,
  bannerExpression: `document.querySelector('.klaro .cookie-notice:not(.cookie-notice-hidden)')`,
  acceptExpression: `document.querySelector('.klaro .cookie-notice .cn-buttons .cm-btn-success')`,
};

const tacDir = packageDir('tarteaucitronjs');
/** @type {Candidate} */
const tarteaucitron = {
  name: 'tarteaucitronjs',
  label: 'tarteaucitron',
  version: version('tarteaucitronjs'),
  // It loads its CSS, language file and service list itself, from its own folder.
  assets: {
    'tarteaucitron.min.js': join(tacDir, 'tarteaucitron.min.js'),
    'tarteaucitron.services.min.js': join(tacDir, 'tarteaucitron.services.min.js'),
    'lang/tarteaucitron.en.min.js': join(tacDir, 'lang', 'tarteaucitron.en.min.js'),
    'css/tarteaucitron.min.css': join(tacDir, 'css', 'tarteaucitron.min.css'),
  },
  head: () => '<script src="/cm/tarteaucitronjs/tarteaucitron.min.js"></script>',
  // Gated code is a service whose js() runs once allowed; there is no markup to gate.
  tail: () => '',
  markup: {
    inline: (id) => service(id, 'analytic', `__ran(${JSON.stringify(id)});`),
    external: (id) => service(id, 'analytic', `tarteaucitron.addScript(${JSON.stringify(externalUrl(id))});`),
    pixel: (id, src) => service(id, 'ads', imagePixel(id, src)),
  },
  pixelsAreImages: false,
  bannerExpression: `document.querySelector('#tarteaucitronAlertBig')`,
  acceptExpression: `document.querySelector('#tarteaucitronPersonalize2')`,
};

/** @param {string} id @param {string} type @param {string} code */
function service(id, type, code) {
  const key = `bench${id.replace(/\W/g, '')}`;
  return `<script>
tarteaucitron.services.${key} = { key: '${key}', type: '${type}', name: '${key}', needConsent: true, cookies: [], js: function () { ${code} } };
(tarteaucitron.job = tarteaucitron.job || []).push('${key}');
</script>`;
}

/** tarteaucitron starts from an init call after the services are declared. */
export const TAC_INIT = `<script>
tarteaucitron.init({ privacyUrl: '/privacy', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'bottom',
  groupServices: false, showAlertSmall: false, cookieslist: false, showIcon: false, adblocker: false, DenyAllCta: true,
  AcceptAllCta: true, highPrivacy: true, handleBrowserDNTRequest: false, removeCredit: false, moreInfoLink: true,
  useExternalCss: false, useExternalJs: false, mandatory: true, googleConsentMode: false, bingConsentMode: false, pianoConsentMode: false });
</script>`;
tarteaucitron.tail = () => TAC_INIT;

export const CANDIDATES = [holdback, vanilla, klaro, tarteaucitron];
