// @ts-check
// A local server for the bench: each candidate's files, the pages, and the gated
// external script and pixel, whose hits it counts for the correctness checks.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { CANDIDATES, gatedContent, PLAIN_MARKUP } from './candidates.js';

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const TYPES = { js: 'text/javascript', css: 'text/css' };

/**
 * The page: the same content and layout for every candidate. Without one, it
 * carries holdback's inert markup, or with `plain` the same tags unheld.
 * @param {import('./candidates.js').Candidate | null} candidate @param {number} n @param {boolean} [plain]
 */
export function pageHtml(candidate, n, plain = false) {
  const markup = plain ? PLAIN_MARKUP : (candidate ?? /** @type {import('./candidates.js').Candidate} */ (CANDIDATES[0])).markup;
  const paragraphs = Array.from(
    { length: 12 },
    (_, i) => `<p>Paragraph ${i + 1}: text that fills the page the way an article does, so that a banner pushing content would shift something.</p>`,
  ).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>bench</title>
${candidate ? candidate.head() : ''}
</head>
<body>
<main><h1>A page</h1>${paragraphs}</main>
${gatedContent(markup, n)}
${candidate ? candidate.tail() : ''}
</body>
</html>`;
}

/** @returns {Promise<{ origin: string, hits: { ext: number, pixel: number }, reset(): void, close(): Promise<void> }>} */
export async function startServer() {
  const hits = { ext: 0, pixel: 0 };
  const files = new Map();
  for (const candidate of CANDIDATES) {
    for (const [path, file] of Object.entries(candidate.assets)) files.set(`/cm/${candidate.name}/${path}`, readFileSync(file));
  }
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const send = (/** @type {number} */ status, /** @type {string} */ type, /** @type {string | Buffer} */ body, cache = 'no-store') => {
      response.writeHead(status, { 'content-type': type, 'cache-control': cache });
      response.end(body);
    };
    if (url.pathname === '/gated/ext.js') {
      hits.ext++;
      return send(200, TYPES.js, `__ran(${JSON.stringify(url.searchParams.get('id'))});`);
    }
    if (url.pathname === '/gated/pixel.gif') {
      hits.pixel++;
      return send(200, 'image/gif', GIF);
    }
    if (url.pathname.startsWith('/page/')) {
      const name = url.pathname.slice('/page/'.length);
      const candidate = CANDIDATES.find((c) => c.name === name) ?? null;
      return send(200, 'text/html; charset=utf-8', pageHtml(candidate, Number(url.searchParams.get('n') ?? 0), name === 'plain'));
    }
    const file = files.get(url.pathname);
    if (file) {
      const extension = /** @type {'js' | 'css'} */ (url.pathname.split('.').pop());
      // Cached like a CDN would: a returning visitor does not download it again.
      return send(200, TYPES[extension] ?? 'application/octet-stream', file, 'max-age=3600');
    }
    send(404, 'text/plain', 'not found');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    origin: `http://127.0.0.1:${address.port}`,
    hits,
    reset() {
      hits.ext = 0;
      hits.pixel = 0;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
