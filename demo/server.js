// @ts-check
// The demo server: serves demo/site and dist/consent.js, and answers the
// tracker hosts locally. A page asks for https://connect.facebook.net/…; the
// server rewrites such addresses to http://connect.facebook.net.localhost:PORT/…,
// which browsers resolve to this machine, and logs every request that arrives
// there so the page can show what holdback held back and what it let go.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { answer, TRACKERS } from './trackers.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const SITE = join(root, 'site');
const DROP_IN = join(root, '..', 'dist', 'consent.js');
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
const TRACKER_PATTERN = new RegExp(`https://(${Object.keys(TRACKERS).map((host) => host.replaceAll('.', '\\.')).join('|')})/`, 'g');
const LOG_LIMIT = 500;

/**
 * @param {{ port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemo({ port = 8080, host = '127.0.0.1' } = {}) {
  /** @type {{ at: string, host: string, path: string, vendor: string, category: string }[]} */
  const log = [];
  /** @type {unknown[]} consent records, as a site's consent log would keep them */
  const records = [];
  let actualPort = port;
  const rewrite = (/** @type {string} */ url) => url.replace(TRACKER_PATTERN, (_, name) => `http://${name}.localhost:${actualPort}/`);

  const server = createServer(async (request, response) => {
    try {
      const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '');
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (hostHeader.endsWith('.localhost')) {
        const trackerHost = hostHeader.slice(0, -'.localhost'.length);
        const real = new URL(`https://${trackerHost}${url.pathname}${url.search}`);
        const standIn = answer(real, rewrite);
        if (!standIn) return send(response, 404, 'text/plain', 'unknown host');
        const tracker = TRACKERS[/** @type {keyof typeof TRACKERS} */ (trackerHost)];
        log.push({ at: new Date().toISOString(), host: trackerHost, path: real.pathname + real.search, ...tracker });
        if (log.length > LOG_LIMIT) log.shift();
        return send(response, standIn.status, standIn.type, standIn.body);
      }
      if (url.pathname === '/__trackers.json') {
        if (request.method === 'DELETE') log.length = 0;
        return send(response, 200, 'application/json', JSON.stringify(log), { 'cache-control': 'no-store' });
      }
      if (url.pathname === '/__records' && request.method === 'POST') {
        const body = await readBody(request);
        try {
          records.unshift(JSON.parse(body));
          if (records.length > LOG_LIMIT) records.pop();
          return send(response, 204, 'text/plain', '');
        } catch {
          return send(response, 400, 'text/plain', 'not JSON');
        }
      }
      if (url.pathname === '/records.json') return send(response, 200, 'application/json', JSON.stringify(records), { 'cache-control': 'no-store' });
      if (url.pathname === '/records') return send(response, 200, 'text/html; charset=utf-8', recordsPage(records));
      if (url.pathname === '/consent.js') {
        return send(response, 200, 'text/javascript', await readFile(DROP_IN), { 'cache-control': 'no-store' });
      }
      const path = normalize(url.pathname === '/' ? '/index.html' : url.pathname);
      if (path.includes('..')) return send(response, 400, 'text/plain', 'bad path');
      const file = join(SITE, extname(path) ? path : `${path}.html`);
      const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream';
      const body = await readFile(file).catch(() => null);
      if (!body) return send(response, 404, 'text/plain', 'not found');
      return send(response, 200, type, type.startsWith('text/html') ? rewrite(body.toString('utf8')) : body);
    } catch (error) {
      send(response, 500, 'text/plain', String(error));
    }
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** @param {import('node:http').IncomingMessage} request @returns {Promise<string>} */
function readBody(request) {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk) => {
      body += chunk;
      if (body.length > 64 * 1024) request.destroy();
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

/** @param {unknown[]} records */
function recordsPage(records) {
  const html = (/** @type {unknown} */ value) => String(value).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const rows = records
    .map((/** @type {any} */ r) => {
      const allowed = Object.entries(r.categories ?? {}).filter(([, on]) => on).map(([name]) => name);
      const services = Object.entries(r.services ?? {}).map(([name, on]) => `${name}: ${on ? 'yes' : 'no'}`);
      return `<tr><td>${html(r.time)}</td><td><code>${html(r.id)}</code></td><td>${html(allowed.join(', '))}</td><td>${html(services.join(', '))}</td><td>${html(r.regime)}</td><td>${r.gpc ? 'yes' : 'no'}</td><td>${html(r.language)}</td><td>${html(r.revision)}</td><td>${html(r.url)}</td></tr>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Consent records</title><link rel="stylesheet" href="/demo.css"></head>
<body><div class="shop"><h1>Consent records</h1><p>Every decision made on the demo, newest first, as sent to <code>recordEndpoint</code>. This page refreshes itself.</p>
<table class="records"><thead><tr><th>Time</th><th>Consent ID</th><th>Allowed</th><th>Services</th><th>Regime</th><th>GPC</th><th>Language</th><th>Revision</th><th>Page</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9">None yet.</td></tr>'}</tbody></table></div></body></html>`;
}

/**
 * @param {import('node:http').ServerResponse} response @param {number} status @param {string} type
 * @param {string | Buffer} body @param {Record<string, string>} [headers]
 */
function send(response, status, type, body, headers = {}) {
  response.writeHead(status, { 'content-type': type, ...headers });
  response.end(body);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const port = Number(process.env.PORT ?? 8080);
  startDemo({ port })
    .then(({ url }) => {
      console.log(`holdback demo: ${url}`);
      console.log('Tracker hosts are answered here as <host>.localhost (Chrome and Firefox resolve these to this machine).');
      console.log('Press Ctrl+C to stop.');
    })
    .catch((error) => {
      console.error(`holdback demo: could not start on port ${port}: ${error.message}. Set PORT to use another one.`);
      process.exit(1);
    });
}
