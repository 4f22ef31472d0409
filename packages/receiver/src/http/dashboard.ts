import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Env, Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** Everything the page needs comes from here; its data comes from the admin API, with the token. */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** The dashboard: a built page at `/`, its files under `/dashboard/`. The page holds no data itself. */
export function serveDashboard<E extends Env>(app: Hono<E>, folder: string | null): void {
  app.get('/', (c) => {
    c.header('Content-Security-Policy', CSP);
    // Read each time: a rebuild renames the assets it points at.
    const index = folder ? join(folder, 'index.html') : null;
    const page = index && existsSync(index) ? readFileSync(index, 'utf8') : null;
    if (!page) return c.text('The dashboard is not built: run npm run build in packages/receiver.\n', 503);
    return c.html(page);
  });
  app.get('/dashboard/*', (c) => {
    if (!folder) return c.notFound();
    const relative = normalize(c.req.path.slice('/dashboard/'.length));
    if (relative.startsWith('..') || relative.includes('\0')) return c.notFound();
    const file = join(folder, relative);
    const type = TYPES[extname(file)];
    if (!type || !existsSync(file)) return c.notFound();
    c.header('Content-Security-Policy', CSP);
    // Built files are named by their content: they never change under one name.
    c.header('Cache-Control', relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return c.body(readFileSync(file), 200, { 'Content-Type': type });
  });
}
