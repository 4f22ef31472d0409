import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { answer, TRACKERS } from '../../demo/trackers.js';
import { NONCE, ORIGIN, type PageSpec, pageHtml } from '../site';

// The cross-engine suite's network: one HTTP proxy on 127.0.0.1 that every
// engine is pointed at. WebDriver has no request interception, so instead of
// routing inside the browser, the browser sends everything here: the shop at
// https://shop.test and every tracker host are answered by this process and
// recorded, and nothing is forwarded anywhere. HTTPS arrives as CONNECT and is
// answered with a self-signed certificate made for these tests only (the
// engines are launched to accept it), so the shop is a secure context as a
// real one is, with the Cookie Store API and Secure cookies.

const TLS = new URL('./tls/', import.meta.url);
const DIST = new URL('../../dist/', import.meta.url);
const DROP_INS = ['consent.js', 'consent-autoblock.js', 'consent-ui.js', 'consent-link.js'];

export interface Asset {
  body: string;
  type?: string;
  delay?: number;
}

export interface TestProxy {
  readonly port: number;
  /** Serves a page of the shop at a path. */
  serve(path: string, spec: PageSpec): void;
  /** Answers a URL (on the shop or any host) with a body, optionally after a delay. */
  asset(url: string, asset: Asset): void;
  /** Requests to tracker hosts and to the assets a test set up, other than the shop's, in the order they arrived. */
  hits(...prefixes: string[]): string[];
  /** Forgets the pages, assets and requests of the test before. */
  reset(): void;
  close(): Promise<void>;
}

export async function startProxy(): Promise<TestProxy> {
  if (!existsSync(new URL('consent.js', DIST))) throw new Error('dist/consent.js is missing: run "npm run build" first.');
  const pages = new Map<string, PageSpec>();
  const assets = new Map<string, Asset>();
  let others: string[] = [];

  const respond = async (url: URL, response: ServerResponse) => {
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    const asset = assets.get(url.href) ?? assets.get(url.origin + url.pathname);
    // The shop's own requests and the browser's background traffic (update checks and the like) are not counted.
    if (url.origin !== ORIGIN && (asset || url.hostname in TRACKERS)) others.push(url.href);
    if (asset) {
      if (asset.delay) await new Promise((resolve) => setTimeout(resolve, asset.delay));
      return send(200, asset.type ?? 'text/javascript', asset.body);
    }
    if (url.origin === ORIGIN) {
      const dropIn = DROP_INS.find((file) => url.pathname === `/${file}`);
      if (dropIn) return send(200, 'text/javascript', readFileSync(new URL(dropIn, DIST), 'utf8'), { 'access-control-allow-origin': '*' });
      const language = /^\/lang\/([a-z]{2})\.js$/.exec(url.pathname);
      const languageFile = language ? new URL(`lang/${language[1]}.js`, DIST) : null;
      if (languageFile && existsSync(languageFile)) return send(200, 'text/javascript', readFileSync(languageFile, 'utf8'));
      const spec = pages.get(url.pathname);
      if (!spec) return send(404, 'text/plain', 'not found');
      const headers: Record<string, string> = spec.csp ? { 'content-security-policy': spec.csp.replaceAll('{nonce}', NONCE) } : {};
      return send(200, 'text/html; charset=utf-8', pageHtml(spec), headers);
    }
    const standIn = answer(url, (real: string) => real);
    if (standIn) return send(standIn.status, standIn.type, standIn.body);
    // A host nobody answers for (the browser's own background traffic): refused here, never forwarded.
    return send(404, 'text/plain', 'not answered by the test proxy');
  };

  const handler = (secure: boolean) => (request: IncomingMessage, response: ServerResponse) => {
    // Through a proxy a plain request carries its whole URL; inside a tunnel only the path, with the host in Host.
    const raw = request.url ?? '/';
    const url = secure || !/^https?:/.test(raw) ? new URL(raw, `https://${request.headers.host}`) : new URL(raw);
    respond(url, response).catch((error) => {
      response.writeHead(500).end(String(error));
    });
  };

  const tls = createTlsServer({ key: readFileSync(new URL('key.pem', TLS)), cert: readFileSync(new URL('cert.pem', TLS)) }, handler(true));
  const plain = createHttpServer(handler(false));
  // A tunnel (CONNECT host:443) carries TLS to the host asked for: answered by the TLS server.
  const tunnel = (_request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    tls.emit('connection', socket);
  };
  plain.on('connect', tunnel);
  const sockets = new Set<Socket>();
  plain.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
  const { port } = plain.address() as AddressInfo;

  return {
    port,
    serve: (path, spec) => pages.set(path, spec),
    asset: (url, asset) => assets.set(url.startsWith('/') ? ORIGIN + url : url, asset),
    hits: (...prefixes) => others.filter((href) => prefixes.length === 0 || prefixes.some((prefix) => href.startsWith(prefix))),
    reset() {
      pages.clear();
      assets.clear();
      others = [];
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        plain.close(() => resolve());
      }),
  };
}
