// @ts-check
// /records: the consent records the demo received, as a site's consent log would list them.

/** @param {unknown[]} records */
export function recordsPage(records) {
  const html = (/** @type {unknown} */ value) => String(value).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = records
    .map((/** @type {any} */ r) => {
      const allowed = Object.entries(r.categories ?? {})
        .filter(([, on]) => on)
        .map(([name]) => name);
      const services = Object.entries(r.services ?? {}).map(([name, on]) => `${name}: ${on ? 'yes' : 'no'}`);
      return `<tr><td>${html(r.time)}</td><td><code>${html(r.id)}</code></td><td>${html(allowed.join(', '))}</td><td>${html(services.join(', '))}</td><td>${html(r.regime)}</td><td>${r.gpc ? 'yes' : 'no'}</td><td>${html(r.language)}</td><td>${html(r.revision)}</td><td>${html(r.url)}</td></tr>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Consent records</title><link rel="stylesheet" href="/demo.css"></head>
<body><div class="shop"><h1>Consent records</h1><p>Every decision made on the demo, newest first, as sent to <code>recordEndpoint</code>. This page refreshes itself.</p>
<table class="records"><thead><tr><th>Time</th><th>Consent ID</th><th>Allowed</th><th>Services</th><th>Regime</th><th>GPC</th><th>Language</th><th>Revision</th><th>Page</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9">None yet.</td></tr>'}</tbody></table></div></body></html>`;
}
