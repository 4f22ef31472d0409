// @ts-check
// The frame every shop page shares: head, header with the language switcher,
// footer with the privacy links, and the side panel that shows what reached
// the tracker stand-ins.
import { headTags } from './tags.js';

/** @param {unknown} value */
export const escapeHtml = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * @typedef {{ code: string, name: string }} Language
 * @typedef {{ endpoint: string, dashboard: string | null }} ConsentLog where records go, and where a person reads them
 * @typedef {{ language: string, base: string, languages: Language[], path: string, consentLog: ConsentLog }} Context
 *   `base` is the language prefix of every link ('' for English), `path` the page's path without it
 */

/** @param {Context} context */
function languageSwitcher({ language, languages, path }) {
  const options = languages
    .map(({ code, name }) => `<option value="${code}"${code === language ? ' selected' : ''} lang="${code}">${escapeHtml(name)}</option>`)
    .join('');
  return `<label class="switch-language">Language <select id="language" data-path="${escapeHtml(path)}">${options}</select></label>`;
}

/** @param {ConsentLog} consentLog */
const panel = (consentLog) => `<aside class="panel" id="panel" aria-label="What reached the tracker hosts">
  <div class="panel-head">
    <h2>Tracker hosts <span class="count" id="count"></span></h2>
    <button type="button" class="panel-toggle" id="panel-toggle" aria-expanded="true" aria-controls="panel-body">Hide</button>
  </div>
  <div class="panel-body" id="panel-body">
    <p class="hint">Every request that reached the local stand-ins for Google, Meta, LinkedIn, TikTok, Pinterest and YouTube, as it arrives. Before a choice, and after “Reject all”, nothing does.</p>
    <h3>Choice</h3>
    <p id="choice">none yet</p>
    <h3>Tags on this page</h3>
    <ul class="tags" id="tags"></ul>
    <h3>Requests</h3>
    <ol class="requests" id="requests"></ol>
    <h3>Cookies on this site</h3>
    <ul class="cookies" id="cookies"></ul>
    <p class="actions"><button type="button" id="clear">Clear log</button> <button type="button" id="reset">Forget my choice</button></p>
    <p>${consentLog.dashboard ? `<a href="${consentLog.dashboard}" target="_blank">Consent log (holdback-receiver)</a>` : '<a href="/records" target="_blank">Consent records received</a>'}</p>
    <h3>Demo settings</h3>
    <form class="settings" id="settings">
      <label>Theme <select name="theme"><option value="auto">Auto</option><option value="light">Light</option><option value="dark">Dark</option></select></label>
      <label>Layout <select name="layout"><option value="bar">Bottom bar</option><option value="box">Box</option><option value="modal">Modal</option></select></label>
      <label class="check"><input type="checkbox" name="floatingButton"> Floating privacy button</label>
    </form>
  </div>
</aside>`;

/**
 * A whole page of the shop.
 * @param {Context} context
 * @param {{ title: string, main: string, bodyEnd?: string }} page
 */
export function layout(context, { title, main, bodyEnd = '' }) {
  const { base, language, consentLog } = context;
  return `<!doctype html>
<html lang="${language}" dir="${/^(ar|fa|he|ur)\b/.test(language) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Northwind Outfitters</title>
<link rel="icon" href="/favicon.svg">
<link rel="stylesheet" href="/demo.css">
${headTags({ base, language, recordEndpoint: consentLog.endpoint })}

<script src="/panel.js" defer></script>
</head>
<body>
<div class="layout">
  <div class="shop">
    <header class="top">
      <a class="brand" href="${base}/"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M2 20 9 7l4 7 3-4 6 10z"/></svg>Northwind Outfitters</a>
      <nav aria-label="Shop">
        <a href="${base}/">Shop</a>
        <a href="${base}/checkout">Bag</a>
        ${languageSwitcher(context)}
      </nav>
    </header>
    <main>
${main}
    </main>
    <footer class="bottom">
      <p>© Northwind Outfitters, a holdback demo. Nothing here is for sale.</p>
      <p><a href="${base}/privacy">Privacy policy</a> · <button type="button" class="linklike" data-consent-open>Privacy settings</button></p>
    </footer>
  </div>
  ${panel(consentLog)}
</div>
${bodyEnd}
</body>
</html>`;
}
