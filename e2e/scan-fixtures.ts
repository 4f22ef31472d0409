// Local sites for the scanner's tests, on 127.0.0.1. Their tags name the real
// tracker hosts, on the port of a second, TLS server here
// (https://connect.facebook.net:PORT/…: HTTPS, because Chromium knows from its
// HSTS preload list that these hosts never speak plain HTTP). The scanner's
// Chromium resolves every host here (HOLDBACK_SCAN_HOST_RULES), so the catalogue
// names what it sees as on a real site and nothing leaves the machine. The
// certificate (demo/tls) is self-signed and secures nothing.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { metaPixelCode } from '../demo/shop/tags.js';
import { answer, TRACKERS } from '../demo/trackers.js';

const DIST = new URL('../dist/', import.meta.url);

export interface Fixtures {
  port: number;
  /** http://127.0.0.1:PORT */
  origin: string;
  url(path: string): string;
  /** Requests the tracker hosts received, as host + path. */
  hits: string[];
  close(): Promise<void>;
}

const page = (title: string, { head = '', body = '', config }: { head?: string; body?: string; config?: unknown }) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
${config === undefined ? '' : `<script>window.consentConfig = ${JSON.stringify(config)};</script>\n<script src="/consent.js"></script>`}
${head}
</head>
<body>
<main><h1>${title}</h1><p>Things for sale.</p></main>
${body}
</body>
</html>`;

// consent.js carries no catalogue: the service's cookies are declared here, so that withdrawal deletes them.
const MARKETING = { categories: { marketing: { services: { 'meta-pixel': { cookies: ['_fbp', '_fbc'] } } } } };

export async function startFixtures(): Promise<Fixtures> {
  let tlsPort = 0;
  const hits: string[] = [];
  const tracker = (url: string) =>
    url.replace(/https:\/\/([a-z0-9.-]+)\//g, (whole, host: string) => (host in TRACKERS ? `https://${host}:${tlsPort}/` : whole));
  const meta = (marked: boolean) =>
    marked
      ? `<script type="text/plain" data-category="marketing">\n${metaPixelCode('1234567890')}\n</script>`
      : `<script>\n${metaPixelCode('1234567890')}\n</script>\n<noscript><img height="1" width="1" style="display:none" src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1"></noscript>`;
  const links = (...paths: string[]) => `<nav>${paths.map((p, i) => `<a href="${p}">Page ${i + 1}</a>`).join(' ')}</nav>`;
  // The links a scan must skip come first: were they not skipped, they would take the places of pages 3 and 4.
  const multiNav = `<a href="/multi/logout">Log out</a> <a href="/multi/price-list.pdf">Prices</a> <a href="/multi/?session=x" rel="nofollow">Again</a> ${links('/multi/', '/multi/2', '/multi/3', '/multi/4')}`;

  const pages: Record<string, () => string> = {
    // A Meta Pixel pasted as Meta gives it, with no consent manager at all.
    '/meta/': () => page('Unmarked Meta Pixel', { head: meta(false) }),
    // The same pixel marked for holdback: nothing fires until "Accept all".
    '/gated/': () => page('Gated', { config: MARKETING, head: meta(true), body: links('/gated/about') }),
    '/gated/about': () => page('About', { config: MARKETING, head: meta(true), body: links('/gated/') }),
    // Four linked pages, all gated, but page 3 carries a pixel in its HTML.
    '/multi/': () => page('Multi 1', { config: MARKETING, head: meta(true), body: multiNav }),
    '/multi/2': () => page('Multi 2', { config: MARKETING, head: meta(true), body: multiNav }),
    '/multi/3': () =>
      page('Multi 3', {
        config: MARKETING,
        head: meta(true),
        body: `${multiNav}\n<img src="https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1" width="1" height="1" alt="">`,
      }),
    '/multi/4': () => page('Multi 4', { config: MARKETING, head: meta(true), body: multiNav }),
    // Analytics served from the site itself: _ga- and Matomo-style cookies before consent.
    '/first-party/': () => page('First party', { config: MARKETING, head: '<script src="/first-party/analytics.js"></script>' }),
    // A tag that checks "has the visitor decided?" instead of "did they allow it?".
    '/reject-leak/': () =>
      page('Reject leak', { config: MARKETING, head: '<script src="/reject-leak/tag.js"></script>', body: links('/reject-leak/next') }),
    '/reject-leak/next': () =>
      page('Reject leak, page 2', { config: MARKETING, head: '<script src="/reject-leak/tag.js"></script>', body: links('/reject-leak/') }),
    // A vendor tag that keeps its own consent flag and ignores withdrawal; the Google Ads cookie is not declared.
    '/withdraw-leak/': () =>
      page('Withdraw leak', {
        config: MARKETING,
        head: `<script type="text/plain" data-category="marketing" src="/withdraw-leak/vendor.js"></script>\n<script src="/withdraw-leak/remembered.js"></script>\n${meta(true)}`,
      }),
    // Another consent manager's banner (HubSpot's markup, which autoconsent's rules know).
    '/other-cmp/': () =>
      page('Other consent manager', {
        head: '<script src="/other-cmp/banner.js"></script>',
        body: `<div id="hs-eu-cookie-confirmation" role="dialog" aria-label="Cookies"><p>We use cookies.</p>
<button id="hs-eu-confirmation-button">Fine by me</button> <button id="hs-eu-decline-button">No thanks</button></div>`,
      }),
    // A banner nobody has a rule for: found by its buttons' names.
    '/named-buttons/': () =>
      page('Named buttons', {
        head: '<script src="/other-cmp/banner.js"></script>',
        body: `<div class="consent-box" role="dialog" aria-label="Cookies"><p>Cookies?</p><button class="a">Accept all</button> <button class="r">Reject all</button></div>`,
      }),
    // A banner with no way to refuse.
    '/no-reject/': () =>
      page('No reject', {
        head: '<script src="/other-cmp/banner.js"></script>',
        body: `<div class="consent-box" role="dialog" aria-label="Cookies"><p>Cookies?</p><button class="a">Accept all</button> <button class="s">Settings</button></div>`,
      }),
  };

  const scripts: Record<string, () => string> = {
    '/first-party/analytics.js': () => `(function () {
  var id = Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000);
  document.cookie = '_ga=GA1.1.' + id + '; path=/; max-age=63072000; SameSite=Lax';
  document.cookie = '_pk_id.1.a1b2=' + id + '; path=/; max-age=34128000; SameSite=Lax';
})();`,
    '/reject-leak/tag.js': () => `(function () {
  // Wrong: any stored decision counts as a yes.
  if (window.Consent && window.Consent.get()) new Image().src = ${JSON.stringify(tracker('https://px.ads.linkedin.com/collect/?pid=5550001&fmt=gif'))};
})();`,
    '/withdraw-leak/vendor.js': () => `(function () {
  localStorage.setItem('vendor-consent', 'yes');
  document.cookie = '_gcl_au=1.1.' + Date.now() + '; path=/; max-age=7776000; SameSite=Lax';
})();`,
    '/withdraw-leak/remembered.js': () => `(function () {
  if (localStorage.getItem('vendor-consent') === 'yes') new Image().src = ${JSON.stringify(tracker('https://ct.pinterest.com/v3/?event=pagevisit&tid=2612345678901'))};
})();`,
    // The stand-in banner: accepting loads the pixel, declining stores the refusal.
    '/other-cmp/banner.js': () => `(function () {
  function choose(yes) {
    document.cookie = 'standin_consent=' + (yes ? 'yes' : 'no') + '; path=/; max-age=31536000';
    var box = document.querySelector('#hs-eu-cookie-confirmation, .consent-box'); if (box) box.remove();
    if (yes) load();
  }
  function load() { var s = document.createElement('script'); s.src = ${JSON.stringify(tracker('https://connect.facebook.net/en_US/fbevents.js'))}; document.head.appendChild(s);
    window.fbq = window.fbq || function () { (window.fbq.queue = window.fbq.queue || []).push(arguments); }; }
  var stored = /(^|; )standin_consent=(yes|no)/.exec(document.cookie);
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('#hs-eu-cookie-confirmation, .consent-box');
    if (stored) { if (box) box.remove(); if (stored[2] === 'yes') load(); return; }
    if (!box) return;
    box.addEventListener('click', function (event) {
      var t = event.target;
      if (t.id === 'hs-eu-confirmation-button' || t.classList.contains('a')) choose(true);
      if (t.id === 'hs-eu-decline-button' || t.classList.contains('r')) choose(false);
    });
  });
})();`,
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string | string[]> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      response.end(body);
    };
    if (host in TRACKERS) {
      hits.push(host + url.pathname);
      const standIn = answer(new URL(`https://${host}${url.pathname}${url.search}`), tracker);
      // Meta's own cookies on its domain: one HttpOnly, one partitioned (CHIPS), as third-party cookies.
      const cookies: Record<string, string[]> =
        host === 'www.facebook.com'
          ? {
              'set-cookie': [
                'fr=0abc; Domain=.facebook.com; Path=/; Max-Age=7776000; Secure; HttpOnly; SameSite=None',
                'ps_n=1; Path=/; Max-Age=7776000; Secure; SameSite=None; Partitioned',
              ],
            }
          : {};
      return standIn ? send(standIn.status, standIn.type, standIn.body, cookies) : send(404, 'text/plain', 'unknown');
    }
    if (['/consent.js', '/consent-ui.js', '/consent-link.js'].includes(url.pathname))
      return send(200, 'text/javascript', readFileSync(new URL(url.pathname.slice(1), DIST)));
    if (url.pathname === '/hang/') {
      // Headers and half a document, then nothing: the page never finishes loading.
      response.writeHead(200, { 'content-type': 'text/html' });
      response.write(`<!doctype html><html><head><title>Hang</title>${' '.repeat(2048)}`);
      return;
    }
    if (url.pathname === '/redirect/') {
      response.writeHead(302, { location: '/meta/' });
      return response.end();
    }
    if (url.pathname === '/robots.txt') return send(200, 'text/plain', `User-agent: *\nDisallow:\nSitemap: ${origin}/sitemaps/index.xml\n`);
    if (url.pathname === '/sitemaps/index.xml')
      return send(
        200,
        'application/xml',
        `<?xml version="1.0"?><sitemapindex><sitemap><loc>${origin}/sitemaps/pages.xml</loc></sitemap></sitemapindex>`,
      );
    if (url.pathname === '/sitemaps/pages.xml')
      return send(
        200,
        'application/xml',
        `<?xml version="1.0"?><urlset><url><loc>${origin}/gated/about</loc></url><url><loc>${origin}/first-party/</loc></url></urlset>`,
      );
    const script = scripts[url.pathname];
    if (script) return send(200, 'text/javascript', script());
    const html = pages[url.pathname];
    if (html) return send(200, 'text/html; charset=utf-8', tracker(html()));
    send(404, 'text/html', '<!doctype html><title>Not found</title>');
  };

  let origin = '';
  const server = createServer(handle);
  const tls = createTlsServer(
    { key: readFileSync(new URL('../demo/tls/key.pem', import.meta.url)), cert: readFileSync(new URL('../demo/tls/cert.pem', import.meta.url)) },
    handle,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  tlsPort = (tls.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: (path) => origin + path,
    hits,
    close: async () => {
      for (const each of [server, tls]) {
        await new Promise<void>((resolve) => {
          each.close(() => resolve());
          each.closeAllConnections();
        });
      }
    },
  };
}
