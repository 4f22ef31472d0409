import { timingSafeEqual } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { stream } from 'hono/streaming';
import { readConsentCookie, setCookieFor } from '../consent-cookie.js';
import { sha256 } from '../hash.js';
import type { ConsentLog } from '../log.js';
import { type ExportFormat, exportRecords } from '../export.js';
import { parseNotice, parseRecord } from '../record.js';
import { type Site, UNKNOWN_SITE, checkAgainstSite } from '../site.js';
import { stats } from '../stats.js';
import { verify } from '../verify.js';
import type { GroupWriter } from '../writer.js';
import { addressPrefix, clientAddress } from './address.js';
import { readBody } from './body.js';
import { serveDashboard } from './dashboard.js';
import { RateLimit } from './rate-limit.js';

export interface AppOptions {
  log: ConsentLog;
  writer: GroupWriter;
  /** Origins allowed to send records, e.g. `https://shop.example`. */
  origins: string[];
  site?: Site;
  /** The admin bearer token; without one the admin API and the dashboard's data are off. */
  token: string | null;
  /** Take the client's address from X-Forwarded-For (the nearest proxy's entry). */
  trustProxy?: boolean;
  /** Keep the /24 (IPv4) or /48 (IPv6) the record came from. */
  keepIpPrefix?: boolean;
  /** Records and notices per minute per address range; 0 turns the limit off. */
  rateLimit?: number;
  /** Where the built dashboard is; none serves a page that says so. */
  dashboardDir?: string | null;
  /**
   * Re-send the visitor's consent cookie as an HTTP Set-Cookie with each
   * record it matches (Safari keeps a cookie written by script 7 days at
   * most). Only where the receiver answers on the site's own origin; needs `site`.
   */
  refreshCookie?: boolean;
}

export const RECORD_LIMIT = 4 * 1024;
export const NOTICE_LIMIT = 64 * 1024;

const reason = (c: Context<Env>, status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503, text: string) => c.text(`${text}\n`, status);

/** What the visitors' middleware hands on: the body, read once. */
export type Env = { Variables: { body: string } };

export function createApp(options: AppOptions): Hono<Env> {
  const { log, writer, token } = options;
  const origins = new Set(options.origins.map((origin) => new URL(origin).origin));
  const site = options.site ?? UNKNOWN_SITE;
  const limit = new RateLimit(options.rateLimit ?? 120);
  const app = new Hono<Env>();

  // Set before the handler, which may override them: a header set on an answer
  // already made would cost each request a second copy of it.
  app.use(async (c, next) => {
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
    await next();
  });
  app.onError((error, c) => {
    console.error(`holdback-receiver: ${c.req.method} ${c.req.path} failed: ${error.message}`);
    return reason(c, 503, 'the log could not be written or read; try again');
  });

  const address = (c: Context<Env>) => {
    let socket: string | undefined;
    try {
      socket = getConnInfo(c).remote.address;
    } catch {
      socket = undefined;
    }
    return clientAddress(socket, c.req.header('x-forwarded-for'), options.trustProxy ?? false);
  };

  /** Beacons come from the visitors' browsers: counted per address range, from allowed origins only. */
  const fromVisitors = (max: number): [MiddlewareHandler<Env>, MiddlewareHandler<Env>] => [
    async (c, next) => {
      const ip = address(c);
      if (!limit.take(ip ? addressPrefix(ip) : 'unknown')) return reason(c, 429, 'too many records from this address range; slow down');
      const origin = c.req.header('origin');
      if (!origin) return reason(c, 403, 'no Origin header: records are accepted from the allowed origins only');
      if (!origins.has(origin)) return reason(c, 403, `origin ${origin} is not allowed (start the receiver with --origin ${origin})`);
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Vary', 'Origin');
      await next();
    },
    async (c, next) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'text/plain' && type !== 'application/json') return reason(c, 400, 'send the JSON as text/plain or application/json');
      const body = await readBody(c, max);
      if (body === null) return reason(c, 413, `the body is larger than ${max} bytes`);
      c.set('body', body);
      await next();
    },
  ];

  const preflight = (c: Context<Env>) => {
    const origin = c.req.header('origin');
    if (!origin || !origins.has(origin)) return reason(c, 403, 'origin not allowed');
    c.header('Access-Control-Allow-Origin', origin);
    c.header('Access-Control-Allow-Methods', 'POST');
    c.header('Access-Control-Allow-Headers', 'content-type');
    c.header('Access-Control-Max-Age', '86400');
    c.header('Vary', 'Origin');
    return c.body(null, 204);
  };
  app.options('/v1/records', preflight);
  app.options('/v1/notices', preflight);

  app.post('/v1/records', ...fromVisitors(RECORD_LIMIT), async (c) => {
    const parsed = parseRecord(c.get('body'));
    if (!parsed.ok) return reason(c, parsed.reason === 'the body is not JSON' ? 400 : 422, parsed.reason);
    const record = parsed.value;
    if (new URL(record.url).origin !== c.req.header('origin')) return reason(c, 422, 'url is not on the origin that sent the record');
    const mismatch = checkAgainstSite(record, site);
    if (mismatch) return reason(c, 422, mismatch);
    const ip = options.keepIpPrefix ? address(c) : null;
    const outcome = await writer.submit({ record, ipPrefix: ip ? addressPrefix(ip) : null });
    if (outcome === 'conflict') return reason(c, 409, `a different record with id ${record.id} and time ${record.time} is already kept`);
    if (options.refreshCookie) {
      // Only the cookie of this very decision (same ID and time) is re-sent, unchanged, for the rest of its lifetime.
      const stored = readConsentCookie(c.req.header('cookie'), site.cookieName);
      if (stored && stored.id === record.id && stored.decidedAt === Date.parse(record.time)) {
        const refreshed = setCookieFor(stored, {
          name: site.cookieName,
          domain: site.cookieDomain,
          expiresAfterDays: site.consentDays,
          refusalExpiresAfterDays: site.refusalDays,
          secure: new URL(record.url).protocol === 'https:',
        });
        if (refreshed) c.header('Set-Cookie', refreshed);
      }
    }
    return c.body(null, 204);
  });

  app.post('/v1/notices', ...fromVisitors(NOTICE_LIMIT), async (c) => {
    const body = c.get('body');
    const parsed = parseNotice(body);
    if (!parsed.ok) return reason(c, parsed.reason === 'the body is not JSON' ? 400 : 422, parsed.reason);
    await log.putNotice(body);
    return c.body(null, 204);
  });

  app.get('/healthz', async (c) => {
    const head = await log.head();
    return c.json({ ok: true, engine: log.db.engine, entries: head.seq });
  });

  const expected = token ? sha256(token) : null;
  const admin: MiddlewareHandler<Env> = async (c, next) => {
    if (!expected) return reason(c, 503, 'the admin API is off: start the receiver with HOLDBACK_RECEIVER_TOKEN set');
    const given = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (!given || !timingSafeEqual(Buffer.from(sha256(given)), Buffer.from(expected))) {
      c.header('WWW-Authenticate', 'Bearer realm="holdback-receiver"');
      return reason(c, 401, 'a valid admin token is needed (Authorization: Bearer …)');
    }
    await next();
  };
  app.use('/v1/records/:consentId', admin);
  for (const path of ['/v1/export', '/v1/stats', '/v1/verify', '/v1/notices/:hash']) app.use(path, admin);

  app.get('/v1/records/:consentId', async (c) => {
    const { entries, notices, head } = await log.lookup(c.req.param('consentId'));
    if (!entries.length) return reason(c, 404, 'no records for this consent ID');
    return c.json({
      consentId: c.req.param('consentId'),
      head,
      entries: entries.map((entry) => ({
        ...(entry.body ? JSON.parse(entry.body) : null),
        seq: entry.seq,
        prunedAt: entry.prunedAt,
        body: entry.body,
        entryHash: entry.entryHash,
        prevHash: entry.prevHash,
        hash: entry.hash,
      })),
      notices: Object.fromEntries([...notices].map(([hash, body]) => [hash, body === null ? null : JSON.parse(body)])),
    });
  });

  app.get('/v1/notices/:hash', async (c) => {
    const notice = (await log.notices([c.req.param('hash')])).get(c.req.param('hash'));
    return notice ? c.body(notice, 200, { 'Content-Type': 'application/json' }) : reason(c, 404, 'no notice with this hash');
  });

  app.get('/v1/export', async (c) => {
    const range = parseRange(c.req.query('from'), c.req.query('to'), 0);
    if (typeof range === 'string') return reason(c, 400, range);
    const format = (c.req.query('format') ?? 'ndjson') as ExportFormat;
    if (format !== 'csv' && format !== 'ndjson') return reason(c, 400, 'format must be csv or ndjson');
    c.header('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
    c.header('Content-Disposition', `attachment; filename="consent-records.${format === 'csv' ? 'csv' : 'ndjson'}"`);
    return stream(c, async (out) => {
      for await (const line of exportRecords(log, range.from, range.to, format)) await out.write(line);
    });
  });

  app.get('/v1/stats', async (c) => {
    const range = parseRange(c.req.query('from'), c.req.query('to'), 30);
    if (typeof range === 'string') return reason(c, 400, range);
    return c.json(await stats(log, range.from, range.to));
  });

  app.get('/v1/verify', async (c) => {
    const verdict = await verify(log);
    return c.json(verdict, verdict.ok ? 200 : 409);
  });

  serveDashboard(app, options.dashboardDir ?? null);
  app.notFound((c) => reason(c, 404, 'not found'));
  return app;
}

/** `from` and `to` as dates or times; `to` is exclusive, a bare date means the whole day. */
export function parseRange(from: string | undefined, to: string | undefined, defaultDays: number): { from: Date; to: Date } | string {
  const parse = (text: string, end: boolean) => {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00.000Z` : text);
    if (Number.isNaN(date.getTime())) return null;
    if (end && /^\d{4}-\d{2}-\d{2}$/.test(text)) date.setUTCDate(date.getUTCDate() + 1);
    return date;
  };
  const end = to ? parse(to, true) : new Date(Date.now() + 60_000);
  if (!end) return `to is not a date: ${to}`;
  const start = from ? parse(from, false) : defaultDays ? new Date(end.getTime() - defaultDays * 86_400_000) : new Date(0);
  if (!start) return `from is not a date: ${from}`;
  if (start >= end) return 'from must be before to';
  return { from: start, to: end };
}
