import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeDecision } from '../../../src/consent/cookie-codec';
import { consentCookieHeader, readConsentCookie } from '../src/consent-cookie.js';
import { createApp } from '../src/http/app.js';
import type { Site } from '../src/site.js';
import { GroupWriter } from '../src/writer.js';
import { ENGINES, ORIGIN, record } from './engines.js';

// The consent cookie as holdback's client writes it (its own encoder), re-sent
// over HTTP so that Safari does not cut it to 7 days.

const DAY = 86_400;
const decidedAt = '2026-12-01T10:00:00.123Z';
const at = Date.parse(decidedAt);

function cookieOf(categories: Record<string, boolean>, services: Record<string, boolean> = {}, time = decidedAt) {
  const id = randomUUID();
  return { id, value: encodeDecision({ id, categories, services, revision: 2, decidedAt: time }) };
}

describe('the consent cookie re-sent as Set-Cookie', () => {
  it('lasts the rest of a consent’s 12 months, from the decision, not from now', () => {
    const { value } = cookieOf({ necessary: true, statistics: true, marketing: false });
    const tenDaysLater = at + 10 * DAY * 1000;
    expect(consentCookieHeader(`other=1; holdback=${value}`, {}, tenDaysLater)).toBe(
      `holdback=${value}; Path=/; Max-Age=${355 * DAY}; SameSite=Lax; Secure`,
    );
  });

  it('lasts the rest of 6 months for a full refusal, and a service allowed alone counts as a consent', () => {
    const refusal = cookieOf({ necessary: true, statistics: false, marketing: false }).value;
    expect(consentCookieHeader(`holdback=${refusal}`, {}, at)).toContain(`Max-Age=${182 * DAY};`);
    const service = cookieOf({ necessary: true, marketing: false }, { youtube: true }).value;
    expect(consentCookieHeader(`holdback=${service}`, {}, at)).toContain(`Max-Age=${365 * DAY};`);
  });

  it('follows the site’s cookie settings', () => {
    const { value } = cookieOf({ necessary: true, statistics: true });
    expect(consentCookieHeader(`cc=${value}`, { name: 'cc', domain: 'shop.example', expiresAfterDays: 30, secure: false }, at + DAY * 1000)).toBe(
      `cc=${value}; Path=/; Max-Age=${29 * DAY}; SameSite=Lax; Domain=shop.example`,
    );
  });

  it('re-sends nothing that is not one valid holdback cookie, or past its time', () => {
    const { value } = cookieOf({ necessary: true, statistics: true });
    expect(consentCookieHeader(undefined)).toBeNull();
    expect(consentCookieHeader('session=abc')).toBeNull();
    expect(consentCookieHeader('holdback=v=2&id=x')).toBeNull();
    expect(consentCookieHeader('holdback=%E0%A4%A')).toBeNull();
    expect(consentCookieHeader(`holdback=${value}; holdback=${value}`, {}, at)).toBeNull();
    expect(consentCookieHeader(`holdback=${value}`, {}, at + 366 * DAY * 1000)).toBeNull();
    expect(consentCookieHeader(`holdback=${value}`, {}, at - 2 * DAY * 1000)).toBeNull();
  });

  it('reads a cookie whose time is in seconds, as the first versions wrote it', () => {
    const id = randomUUID();
    const seconds = `v=1&id=${id}&at=${Math.floor(at / 1000)}&rev=1&c=necessary:1+statistics:1&s=&h=x`;
    expect(readConsentCookie(`holdback=${seconds}`)).toMatchObject({ id, decidedAt: Math.floor(at / 1000) * 1000, allowsAnything: true });
  });
});

describe('the receiver with refreshCookie', () => {
  const engine = ENGINES.find((candidate) => candidate.name === 'pglite')!;
  let store: Awaited<ReturnType<typeof engine.open>>;
  const site: Site = {
    revision: 2,
    categories: ['necessary', 'preferences', 'statistics', 'marketing'],
    services: new Set(),
    consentDays: 365,
    refusalDays: 182,
    cookieName: 'holdback',
  };

  beforeAll(async () => {
    store = await engine.open();
  }, 60_000);
  afterAll(() => store?.dispose());

  const post = (app: ReturnType<typeof createApp>, body: unknown, cookie: string) =>
    app.request('/v1/records', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'text/plain;charset=UTF-8', cookie },
      body: JSON.stringify(body),
    });
  const categories = { necessary: true, preferences: false, statistics: true, marketing: false };
  // A decision of a minute ago, so that the cookie has most of its year left whenever this runs.
  const recent = new Date(Date.now() - 60_000).toISOString();

  it('answers a record with the Set-Cookie of that same decision, and nothing for another', async () => {
    const app = createApp({
      log: store.log,
      writer: new GroupWriter(store.log),
      origins: [ORIGIN],
      token: null,
      rateLimit: 0,
      site,
      refreshCookie: true,
    });
    const { id, value } = cookieOf(categories, {}, recent);
    const response = await post(app, record({ id, time: recent, revision: 2, categories }), `holdback=${value}`);
    expect(response.status).toBe(204);
    const header = response.headers.get('set-cookie')!;
    expect(header).toMatch(new RegExp(`^holdback=${value.replace(/[+]/g, '\\+')}; Path=/; Max-Age=\\d+; SameSite=Lax; Secure$`));
    const maxAge = Number(/Max-Age=(\d+)/.exec(header)![1]);
    expect(Math.abs(maxAge - (Date.parse(recent) / 1000 + 365 * DAY - Date.now() / 1000))).toBeLessThan(5);
    // The cookie of another decision (another ID) is not the record's: nothing is re-sent.
    const other = cookieOf(categories, {}, recent).value;
    const unrelated = await post(app, record({ id: randomUUID(), time: recent, revision: 2, categories }), `holdback=${other}`);
    expect(unrelated.status).toBe(204);
    expect(unrelated.headers.get('set-cookie')).toBeNull();
  });

  it('sends no cookie unless asked to', async () => {
    const app = createApp({ log: store.log, writer: new GroupWriter(store.log), origins: [ORIGIN], token: null, rateLimit: 0, site });
    const { id, value } = cookieOf(categories, {}, recent);
    const response = await post(app, record({ id, time: recent, revision: 2, categories }), `holdback=${value}`);
    expect(response.status).toBe(204);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
