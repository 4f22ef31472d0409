// @ts-check
// The demo server: serves the shop (demo/shop), its assets (demo/site) and
// dist/, and answers the tracker hosts locally. A page asks for
// https://connect.facebook.net/…; the server rewrites such addresses to
// http://connect.facebook.net.localhost:PORT/…, which browsers resolve to this
// machine, and logs every request that arrives there, streaming it to the side
// panel, so that a person sees what holdback held back and what it let go.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shippedLanguages } from './languages.js';
import { recordsPage } from './records-page.js';
import { createShop } from './shop/pages.js';
import { createTrackerLog } from './tracker-log.js';
import { answer, TRACKERS } from './trackers.js';

const root = fileURLToPath(new URL('.', import.meta.url));
const SITE = join(root, 'site');
const DIST = join(root, '..', 'dist');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};
const TRACKER_PATTERN = new RegExp(
  `https://(${Object.keys(TRACKERS)
    .map((host) => host.replaceAll('.', '\\.'))
    .join('|')})/`,
  'g',
);
const LOG_LIMIT = 500;
const NO_STORE = { 'cache-control': 'no-store' };

/**
 * `tls` (a key and certificate) keeps the trackers' own host names instead, on
 * a second, TLS port (https://connect.facebook.net:PORT/…), for a browser
 * whose resolver points them here and that accepts the certificate (the
 * scanner with HOLDBACK_SCAN_HOST_RULES), so that what it sees is named as on
 * the real site. HTTPS, because Chromium's HSTS preload list knows these hosts.
 * `consentLog` sends the records to a holdback-receiver instead of the demo's own list.
 * @param {{ port?: number, host?: string, tls?: { key: Buffer, cert: Buffer }, consentLog?: import('./shop/layout.js').ConsentLog }} [options]
 * @returns {Promise<{ url: string, port: number, close(): Promise<void> }>}
 */
export async function startDemo({ port = 8080, host = '127.0.0.1', tls, consentLog } = {}) {
  const log = createTrackerLog(LOG_LIMIT);
  /** @type {unknown[]} consent records, as a site's consent log would keep them */
  const records = [];
  const languages = shippedLanguages(join(DIST, 'lang'));
  const shop = createShop({ languages, consentLog });
  let actualPort = port;
  let tlsPort = 0;
  const rewrite = (/** @type {string} */ url) =>
    url.replace(TRACKER_PATTERN, (_, name) => (tls ? `https://${name}:${tlsPort}/` : `http://${name}.localhost:${actualPort}/`));

  /** @type {(request: import('node:http').IncomingMessage, response: import('node:http').ServerResponse) => Promise<void>} */
  const handle = async (request, response) => {
    const hostHeader = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (hostHeader.endsWith('.localhost') || hostHeader in TRACKERS) {
      const trackerHost = hostHeader.replace(/\.localhost$/, '');
      const real = new URL(`https://${trackerHost}${url.pathname}${url.search}`);
      const standIn = answer(real, rewrite);
      if (!standIn) return send(response, 404, 'text/plain', 'unknown host');
      const tracker = TRACKERS[/** @type {keyof typeof TRACKERS} */ (trackerHost)];
      log.add({ at: new Date().toISOString(), host: trackerHost, path: real.pathname + real.search, ...tracker, cookies: standIn.cookies ?? [] });
      return send(response, standIn.status, standIn.type, standIn.body);
    }
    if (url.pathname === '/__trackers.json') {
      if (request.method === 'DELETE') log.clear();
      return send(response, 200, 'application/json', JSON.stringify(log.list()), NO_STORE);
    }
    if (url.pathname === '/__trackers/stream') return stream(request, response, log);
    if (url.pathname === '/__records' && request.method === 'POST') {
      try {
        records.unshift(JSON.parse(await readBody(request)));
        if (records.length > LOG_LIMIT) records.pop();
        return send(response, 204, 'text/plain', '');
      } catch {
        return send(response, 400, 'text/plain', 'not JSON');
      }
    }
    if (url.pathname === '/records.json') return send(response, 200, 'application/json', JSON.stringify(records), NO_STORE);
    if (url.pathname === '/records') return send(response, 200, 'text/html; charset=utf-8', recordsPage(records));
    if (['/consent.js', '/consent-ui.js', '/consent-link.js'].includes(url.pathname))
      return sendFile(response, join(DIST, url.pathname.slice(1)), NO_STORE);
    const language = /^\/lang\/([a-z]{2})\.js$/.exec(url.pathname)?.[1];
    if (language && languages.some(({ code }) => code === language)) {
      return sendFile(response, join(DIST, 'lang', `${language}.js`), NO_STORE);
    }
    if (!extname(url.pathname)) {
      const page = shop(url.pathname, url.searchParams);
      if (!page) return send(response, 404, 'text/plain', 'not found');
      return send(response, 200, 'text/html; charset=utf-8', rewrite(page), NO_STORE);
    }
    const path = normalize(url.pathname);
    if (path.includes('..')) return send(response, 400, 'text/plain', 'bad path');
    return sendFile(response, join(SITE, path));
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => send(response, 500, 'text/plain', String(error)));
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = server.address();
  actualPort = typeof address === 'object' && address ? address.port : port;
  const trackerServer = tls
    ? createTlsServer(tls, (request, response) => handle(request, response).catch((error) => send(response, 500, 'text/plain', String(error))))
    : null;
  if (trackerServer) {
    await new Promise((resolve) => trackerServer.listen(0, host, () => resolve(undefined)));
    const tlsAddress = trackerServer.address();
    tlsPort = typeof tlsAddress === 'object' && tlsAddress ? tlsAddress.port : 0;
  }
  return {
    url: `http://localhost:${actualPort}/`,
    port: actualPort,
    close: () =>
      Promise.all(
        [server, trackerServer].map(
          (each) =>
            new Promise((resolve) => {
              if (!each) return resolve(undefined);
              each.close(() => resolve(undefined));
              // Event streams never end by themselves; close() would wait for them.
              each.closeAllConnections();
            }),
        ),
      ).then(() => {}),
  };
}

/**
 * Server-sent events: the whole log at once, then each change as it happens.
 * @param {import('node:http').IncomingMessage} request @param {import('node:http').ServerResponse} response
 * @param {ReturnType<typeof createTrackerLog>} log
 */
function stream(request, response, log) {
  response.writeHead(200, { 'content-type': 'text/event-stream', ...NO_STORE, connection: 'keep-alive' });
  const event = (/** @type {string} */ name, /** @type {unknown} */ data) => response.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  event('snapshot', log.list());
  const stop = log.listen((change) => (change.type === 'clear' ? event('snapshot', []) : event('request', change.entry)));
  request.on('close', stop);
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

/**
 * @param {import('node:http').ServerResponse} response @param {string} file @param {Record<string, string>} [headers]
 */
async function sendFile(response, file, headers = {}) {
  const body = await readFile(file).catch(() => null);
  if (!body) return send(response, 404, 'text/plain', 'not found');
  const type = TYPES[/** @type {keyof typeof TYPES} */ (extname(file))] ?? 'application/octet-stream';
  return send(response, 200, type, body, headers);
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
  const receiverPort = Number(process.env.RECEIVER_PORT ?? 8787);
  // The consent log runs beside the shop, embedded, in demo/.records: a person
  // makes a choice in the shop and watches it arrive in the dashboard.
  const token = process.env.HOLDBACK_RECEIVER_TOKEN ?? randomBytes(12).toString('base64url');
  startConsentLog({ port: receiverPort, shopPort: port, token })
    .then(async (receiver) => {
      const { url } = await startDemo({ port, consentLog: { endpoint: `${receiver.url}/v1/records`, dashboard: `${receiver.url}/` } }).catch(
        (error) => {
          receiver.child.kill('SIGTERM');
          throw new Error(`could not start on port ${port}: ${error.message}. Set PORT to use another one.`);
        },
      );
      console.log(`holdback demo: ${url}`);
      console.log('Tracker hosts are answered here as <host>.localhost (Chrome and Firefox resolve these to this machine).');
      console.log(`Consent log: ${receiver.url}/ (admin token: ${token}), data in demo/.records`);
      console.log('Press Ctrl+C to stop.');
      const stop = () => {
        receiver.child.kill('SIGTERM');
        receiver.child.once('exit', () => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    })
    .catch((error) => {
      console.error(`holdback demo: ${error.message}`);
      process.exit(1);
    });
}

/**
 * holdback-receiver, as its own process, answering the shop's origin.
 * @param {{ port: number, shopPort: number, token: string }} options
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess }>}
 */
function startConsentLog({ port, shopPort, token }) {
  const bin = join(root, '..', 'packages', 'receiver', 'dist', 'bin.js');
  const origins = [`http://localhost:${shopPort}`, `http://127.0.0.1:${shopPort}`].flatMap((origin) => ['--origin', origin]);
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port), '--data', join(root, '.records'), ...origins], {
    env: { ...process.env, HOLDBACK_RECEIVER_TOKEN: token },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let said = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      said += chunk;
      if (/listening on/.test(said)) resolve({ url: `http://localhost:${port}`, child });
    });
    child.once('exit', (code) =>
      reject(new Error(`the consent log did not start (exit ${code}); see its message above. Set RECEIVER_PORT to use another port.`)),
    );
  });
}
