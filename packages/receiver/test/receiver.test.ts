import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/hash.js';
import { createApp } from '../src/http/app.js';
import type { ConsentLog } from '../src/log.js';
import type { Site } from '../src/site.js';
import { stats } from '../src/stats.js';
import { verify } from '../src/verify.js';
import { GroupWriter } from '../src/writer.js';
import { ENGINES, ORIGIN, record } from './engines.js';

const TOKEN = 'test-token';
const SITE: Site = {
  revision: 2,
  categories: ['necessary', 'preferences', 'statistics', 'marketing'],
  services: new Set(['youtube']),
  consentDays: 365,
  refusalDays: 182,
};

describe.each(ENGINES)('the receiver on $name', (engine) => {
  let store: Awaited<ReturnType<typeof engine.open>>;
  let log: ConsentLog;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    store = await engine.open();
    log = store.log;
    app = createApp({ log, writer: new GroupWriter(log), origins: [ORIGIN], token: TOKEN, rateLimit: 0 });
  }, 60_000);
  afterAll(() => store?.dispose());

  const post = (body: unknown, headers: Record<string, string> = {}, to = app, path = '/v1/records') =>
    to.request(path, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, token: string | null = TOKEN) => app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('keeps a record and answers 204 only once it is committed', async () => {
    const r = record();
    const response = await post(r);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('set-cookie')).toBeNull();
    const history = await (await get(`/v1/records/${r.id}`)).json();
    expect(history.entries).toHaveLength(1);
    expect(history.entries[0].record).toEqual(r);
    expect(history.entries[0].ipPrefix).toBeNull();
  });

  it.each([
    ['not JSON', '{"id": ', 400, 'the body is not JSON'],
    ['a missing field', { ...record(), action: undefined }, 422, 'action'],
    ['an unknown field', { ...record(), ip: '203.0.113.9' }, 422, 'ip'],
    ['a bad regime', record({ regime: 'maybe' }), 422, 'regime'],
    ['a time to the second only', record({ time: '2026-12-01T10:00:00Z' }), 422, 'millisecond'],
    ['an impossible date', record({ time: '2026-02-30T10:00:00.000Z' }), 422, 'real date'],
    ['no necessary category', record({ categories: { statistics: true } }), 422, 'necessary'],
    ['a url on another origin', record({ url: 'https://elsewhere.example/' }), 422, 'origin'],
    ['a bad notice hash', record({ noticeHash: 'abc' }), 422, 'noticeHash'],
    ['a NUL in the user agent', record({ userAgent: 'a\u0000b' }), 422, 'NUL'],
    ['a lone surrogate in a category name', record({ categories: { necessary: true, '\ud800': true } }), 422, 'lone surrogates'],
    ['a time before 1970', record({ time: '0000-01-01T00:00:00.000Z' }), 422, 'before 1970'],
  ])('refuses %s', async (_, body, status, reason) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const text = await response.text();
    expect(text).toContain(reason);
    expect(text.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a body over 4 KiB with 413, and other content types with 400', async () => {
    expect((await post(record({ userAgent: 'x'.repeat(5000) }))).status).toBe(413);
    expect((await post(record(), { 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(400);
  });

  it('accepts records from the allowed origins only', async () => {
    expect((await post(record(), { origin: 'https://evil.example' })).status).toBe(403);
    const response = await app.request('/v1/records', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(record()) });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Origin');
  });

  it('accepts an exact retry once and refuses an altered replay with 409', async () => {
    const r = record();
    const before = (await log.head()).seq;
    expect((await post(r)).status).toBe(204);
    // The same record with its keys in another order is the same record.
    const reordered = Object.fromEntries(Object.entries(r).reverse());
    expect((await post(reordered)).status).toBe(204);
    expect((await log.head()).seq).toBe(before + 1);
    const altered = await post({ ...r, categories: { ...(r.categories as object), marketing: true } });
    expect(altered.status).toBe(409);
    expect((await log.head()).seq).toBe(before + 1);
    // A withdrawal a millisecond later is a record of its own.
    expect((await post({ ...r, time: '2026-12-01T10:00:00.124Z', action: 'withdraw', source: 'preferences' })).status).toBe(204);
    expect((await log.head()).seq).toBe(before + 2);
  });

  it('tells duplicates apart inside one group commit', async () => {
    const r = record();
    const responses = await Promise.all([post(r), post(r), post({ ...r, gpc: true }), post(record())]);
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([204, 204, 204, 409]);
    expect((await (await get(`/v1/records/${r.id}`)).json()).entries).toHaveLength(1);
  });

  it('writes many records at once as one unbroken chain', async () => {
    const before = (await log.head()).seq;
    const responses = await Promise.all(Array.from({ length: 300 }, () => post(record())));
    expect(responses.every((response) => response.status === 204)).toBe(true);
    expect((await log.head()).seq).toBe(before + 300);
    const verdict = await verify(log);
    expect(verdict.ok).toBe(true);
    expect(verdict.entries).toBe(before + 300);
  });

  it('checks records against the site config', async () => {
    const strict = createApp({ log, writer: new GroupWriter(log), origins: [ORIGIN], token: null, rateLimit: 0, site: SITE });
    const current = { revision: 2, categories: { necessary: true, preferences: true, statistics: false, marketing: false } };
    expect((await post(record(current), {}, strict)).status).toBe(204);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...current, categories: { ...current.categories, social: true } }, 'not in the config: social'],
      [{ ...current, categories: { necessary: true, statistics: true } }, 'missing from the record: preferences, marketing'],
      [{ ...current, services: { tiktok: true } }, 'services not in the config: tiktok'],
      [{ ...current, revision: 3 }, 'newer than the config'],
    ];
    for (const [overrides, reason] of cases) {
      const response = await post(record(overrides), {}, strict);
      expect(response.status).toBe(422);
      expect(await response.text()).toContain(reason);
    }
    // A record made under an older revision may name categories the site has since dropped.
    expect((await post(record({ revision: 1, categories: { necessary: true, social: false } }), {}, strict)).status).toBe(204);
  });

  it('limits records per address range', async () => {
    const limited = createApp({ log, writer: new GroupWriter(log), origins: [ORIGIN], token: null, rateLimit: 8, trustProxy: true });
    const from = (address: string) => post(record(), { 'x-forwarded-for': address }, limited);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await from(`198.51.100.${10 + i}`)).status);
    expect(statuses).toEqual([204, 204, 429, 429]);
    expect(await (await from('198.51.100.99')).text()).toContain('too many');
    expect((await from('203.0.113.1')).status).toBe(204);
    expect((await from('2001:db8:1:2::1')).status).toBe(204);
    expect((await from('2001:db8:1:2::1')).status).toBe(204);
    expect((await from('2001:db8:1:ffff::2')).status).toBe(429);
  });

  it('keeps no address unless told, and then only a /24', async () => {
    const keeping = createApp({
      log,
      writer: new GroupWriter(log),
      origins: [ORIGIN],
      token: null,
      rateLimit: 0,
      trustProxy: true,
      keepIpPrefix: true,
    });
    const r = record();
    expect((await post(r, { 'x-forwarded-for': '192.0.2.200, 198.51.100.77' }, keeping)).status).toBe(204);
    const [entry] = await log.history(r.id as string);
    expect(JSON.parse(entry!.body!).ipPrefix).toBe('198.51.100.0/24');
  });

  it('keeps each notice once, by the hash of its bytes, and shows it with the records that point at it', async () => {
    const notice = JSON.stringify({
      language: 'en',
      revision: 1,
      regime: 'opt-in',
      texts: { title: 'We value your privacy' },
      categories: [{ name: 'necessary' }],
    });
    const hash = sha256(notice);
    expect((await post(notice, {}, app, '/v1/notices')).status).toBe(204);
    expect((await post(notice, {}, app, '/v1/notices')).status).toBe(204);
    expect((await post('{"language": 1}', {}, app, '/v1/notices')).status).toBe(422);
    expect((await post(notice, { origin: 'https://evil.example' }, app, '/v1/notices')).status).toBe(403);
    const r = record({ noticeHash: hash });
    await post(r);
    const missing = record({ noticeHash: 'b'.repeat(64) });
    await post(missing);
    const history = await (await get(`/v1/records/${r.id}`)).json();
    expect(history.notices[hash].texts.title).toBe('We value your privacy');
    expect((await (await get(`/v1/records/${missing.id}`)).json()).notices['b'.repeat(64)]).toBeNull();
    expect(await (await get(`/v1/notices/${hash}`)).text()).toBe(notice);
    const [row] = await log.db.query<{ n: string }>('SELECT count(*) AS n FROM notices WHERE hash = $1', [hash]);
    expect(Number(row!.n)).toBe(1);
  });

  it('answers the admin API only with the token', async () => {
    for (const path of ['/v1/records/x', '/v1/export', '/v1/stats', '/v1/verify']) {
      expect((await get(path, null)).status).toBe(401);
      expect((await get(path, 'wrong')).status).toBe(401);
    }
    const off = createApp({ log, writer: new GroupWriter(log), origins: [ORIGIN], token: null });
    const response = await off.request('/v1/verify', { headers: { authorization: 'Bearer anything' } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('HOLDBACK_RECEIVER_TOKEN');
    expect((await get('/v1/records/nobody-at-all')).status).toBe(404);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('exports the records of a range as NDJSON and as CSV', async () => {
    const a = record({ time: '2025-03-01T08:00:00.000Z', url: `${ORIGIN}/a`, userAgent: '=HYPERLINK("x"), "quoted"' });
    const b = record({ time: '2025-03-02T08:00:00.000Z', categories: { necessary: true, statistics: false, marketing: true } });
    const outside = record({ time: '2025-03-03T08:00:00.000Z' });
    for (const r of [a, b, outside]) expect((await post(r)).status).toBe(204);
    const ndjson = await get('/v1/export?from=2025-03-01&to=2025-03-02&format=ndjson');
    expect(ndjson.headers.get('content-type')).toContain('ndjson');
    const lines = (await ndjson.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((line) => line.record.id)).toEqual([a.id, b.id]);
    expect(lines[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const csv = await (await get('/v1/export?from=2025-03-01&to=2025-03-02&format=csv')).text();
    const rows = csv.trim().split('\r\n');
    expect(rows[0]).toContain('category:marketing,category:necessary,category:preferences,category:statistics');
    expect(rows).toHaveLength(3);
    // A spreadsheet must not run a formula from a visitor's user agent; quotes are doubled.
    expect(rows[1]).toContain(`"'=HYPERLINK(""x""), ""quoted"""`);
    expect(rows[2]!.endsWith(',true,true,,false')).toBe(true);
    expect((await get('/v1/export?format=xml')).status).toBe(400);
    expect((await get('/v1/export?from=yesterday')).status).toBe(400);
  });

  it('counts decisions and consent rates per category per day, by regime and revision', async () => {
    const day = '2024-06-15';
    const records = [
      record({ time: `${day}T09:00:00.000Z`, action: 'accept-all', categories: { necessary: true, statistics: true, marketing: true } }),
      record({ time: `${day}T10:00:00.000Z`, action: 'reject-all', categories: { necessary: true, statistics: false, marketing: false } }),
      record({
        time: `${day}T11:00:00.000Z`,
        action: 'gpc',
        source: 'gpc',
        gpc: true,
        categories: { necessary: true, statistics: true, marketing: false },
      }),
      record({ time: `${day}T12:00:00.000Z`, regime: 'opt-out', revision: 2, categories: { necessary: true, statistics: true, marketing: true } }),
    ];
    for (const r of records) expect((await post(r)).status).toBe(204);
    const result = await stats(log, new Date(`${day}T00:00:00.000Z`), new Date('2024-06-16T00:00:00.000Z'));
    expect(result.totals.decisions).toBe(4);
    expect(result.totals.gpcShare).toBe(0.25);
    expect(result.totals.rate.statistics).toBe(0.75);
    expect(result.totals.rate.marketing).toBe(0.5);
    const optIn = result.rows.find((row) => row.regime === 'opt-in')!;
    expect(optIn).toMatchObject({ day, revision: 1, decisions: 3, gpc: 1, allowed: { necessary: 3, statistics: 2, marketing: 1 } });
    expect(optIn.actions).toEqual({ 'accept-all': 1, 'reject-all': 1, gpc: 1 });
    expect(result.rows.find((row) => row.regime === 'opt-out')).toMatchObject({ revision: 2, decisions: 1 });
    const response = await get(`/v1/stats?from=${day}&to=${day}`);
    expect((await response.json()).totals.decisions).toBe(4);
  });
});
