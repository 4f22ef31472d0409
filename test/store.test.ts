// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStore } from '../src/store';
import { settingsFor } from './helpers';

const DAY = 86_400_000;
const now = Date.parse('2026-11-29T12:00:00Z');

afterEach(() => {
  Cookies.remove('holdback', { path: '/' });
  Cookies.remove('consent', { path: '/' });
});

describe('store', () => {
  it('reads the stored choice from the early asynchronous fetch, not from document.cookie', async () => {
    createStore(settingsFor(), () => now).decide({ statistics: true }, 'api');
    const store = createStore(settingsFor(), () => now);
    await new Promise<void>((resolve) => store.whenRead(resolve));
    const cookie = vi.spyOn(document, 'cookie', 'get');
    expect(store.decision.value?.categories.statistics).toBe(true);
    expect(cookie).not.toHaveBeenCalled();
  });

  it('stops waiting for an early fetch that never settles once the choice is read anyway', async () => {
    vi.stubGlobal('cookieStore', { getAll: () => new Promise(() => {}) });
    try {
      const store = createStore(settingsFor(), () => now);
      const ran = vi.fn();
      store.whenRead(ran);
      await Promise.resolve();
      expect(ran).not.toHaveBeenCalled();
      expect(store.decision.value).toBeNull(); // read from document.cookie, as the gate would
      await Promise.resolve();
      expect(ran).toHaveBeenCalledTimes(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('tells whether the choice can be answered without a synchronous read', async () => {
    let answer: (values: { value: string }[]) => void = () => {};
    vi.stubGlobal('cookieStore', { getAll: () => new Promise((resolve) => (answer = resolve)) });
    try {
      const store = createStore(settingsFor(), () => now);
      expect(store.isRead()).toBe(false);
      answer([]);
      await new Promise<void>((resolve) => store.whenRead(resolve));
      expect(store.isRead()).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('reads the choice synchronously when the early fetch is slow', async () => {
    createStore(settingsFor(), () => now).decide({ statistics: true }, 'api');
    vi.useFakeTimers();
    vi.stubGlobal('cookieStore', { getAll: () => new Promise(() => {}) });
    try {
      const store = createStore(settingsFor(), () => now);
      const ran = vi.fn();
      store.whenRead(ran);
      await vi.advanceTimersByTimeAsync(100);
      expect(ran).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(100);
      expect(ran).toHaveBeenCalledTimes(1);
      expect(store.decision.value?.categories.statistics).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      vi.useRealTimers();
    }
  });

  it('has no decision on a first visit', () => {
    expect(createStore(settingsFor(), () => now).decision.value).toBeNull();
  });

  it('stores a decision that the next page view reads back', () => {
    const first = createStore(settingsFor(), () => now);
    first.decide({ statistics: true }, 'api');
    const next = createStore(settingsFor(), () => now + 1000);
    expect(next.decision.value).toEqual(first.decision.value);
    expect(next.decision.value).toMatchObject({
      categories: { necessary: true, preferences: false, statistics: true, marketing: false },
      revision: 1,
      decidedAt: '2026-11-29T12:00:00.000Z',
    });
    expect(next.allowed('statistics')).toBe(true);
    expect(next.allowed('marketing')).toBe(false);
  });

  it('times a decision to the millisecond, and reads it back so', () => {
    createStore(settingsFor(), () => now + 123).decide({ statistics: true }, 'api');
    expect(createStore(settingsFor(), () => now).decision.value!.decidedAt).toBe('2026-11-29T12:00:00.123Z');
  });

  it('knows which surface made the decision, and that a decision read from the cookie was made elsewhere', async () => {
    const store = createStore(settingsFor(), () => now);
    await new Promise<void>((resolve) => store.whenRead(resolve));
    expect(store.source).toBeNull();
    store.decide({ statistics: true }, 'preferences');
    expect(store.source).toBe('preferences');
    createStore(settingsFor(), () => now + 1000).decide({ marketing: true }, 'api');
    store.refresh();
    expect(store.source).toBeNull();
    store.decide({ marketing: false }, 'api');
    store.reset();
    expect(store.source).toBeNull();
    expect(createStore(settingsFor(), () => now).source).toBeNull();
  });

  it("writes a choice made in the UI after the click's next paint, or when the page is left before it", async () => {
    const store = createStore(settingsFor(), () => now);
    store.decide({ statistics: true }, 'banner');
    expect(store.decision.value?.categories.statistics).toBe(true);
    expect(Cookies.get('holdback')).toBeUndefined();
    store.decide({ marketing: true }, 'preferences'); // a second choice before that paint replaces the first
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(createStore(settingsFor(), () => now).decision.value?.categories).toMatchObject({ statistics: true, marketing: true });

    store.decide({ marketing: false }, 'banner');
    dispatchEvent(new Event('pagehide'));
    expect(createStore(settingsFor(), () => now).decision.value?.categories.marketing).toBe(false);
  });

  it('lets a later write win over a choice from the UI that waits for its paint', async () => {
    const store = createStore(settingsFor(), () => now);
    store.decide({ statistics: true }, 'banner');
    store.reset(); // the site's code, before the paint
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(Cookies.get('holdback')).toBeUndefined();
    expect(store.decision.value).toBeNull();
  });

  it("keeps this tab's unwritten choice against an older one from another tab, and takes a newer one", () => {
    const store = createStore(settingsFor(), () => now);
    expect(store.decision.value).toBeNull(); // read before the other tab's choice
    createStore(settingsFor(), () => now - 1000).decide({ marketing: true }, 'api');
    store.decide({ statistics: true }, 'banner');
    store.refresh(); // another tab's message, before this tab's paint
    expect(store.source).toBe('banner');
    expect(createStore(settingsFor(), () => now).decision.value?.categories).toMatchObject({ statistics: true, marketing: false });

    store.decide({ statistics: false }, 'banner');
    createStore(settingsFor(), () => now + 1000).decide({ marketing: true }, 'api');
    store.refresh();
    expect(store.source).toBeNull();
    expect(store.decision.value?.categories).toMatchObject({ statistics: true, marketing: true });
  });

  it('keeps the consent ID when the choice changes, and takes a new one after a reset', () => {
    const store = createStore(settingsFor(), () => now);
    store.decide({ statistics: true }, 'api');
    const id = store.decision.value!.id;
    store.decide({ marketing: true }, 'api');
    expect(store.decision.value!.id).toBe(id);
    store.reset();
    expect(store.decision.value).toBeNull();
    expect(Cookies.get('holdback')).toBeUndefined();
    store.decide({ marketing: true }, 'api');
    expect(store.decision.value!.id).not.toBe(id);
  });

  it('asks again when the config revision is raised', () => {
    createStore(settingsFor({ revision: 1 }), () => now).decide({ statistics: true }, 'api');
    expect(createStore(settingsFor({ revision: 2 }), () => now).decision.value).toBeNull();
  });

  it('asks again when the choice is older than its lifetime', () => {
    createStore(settingsFor({ cookie: { expiresAfterDays: 30 } }), () => now).decide({ statistics: true }, 'api');
    expect(createStore(settingsFor({ cookie: { expiresAfterDays: 30 } }), () => now + 29 * DAY).decision.value).not.toBeNull();
    expect(createStore(settingsFor({ cookie: { expiresAfterDays: 30 } }), () => now + 31 * DAY).decision.value).toBeNull();
  });

  it('keeps a full refusal for half as long as a consent by default', () => {
    createStore(settingsFor(), () => now).decide({ statistics: false }, 'api');
    expect(createStore(settingsFor(), () => now + 181 * DAY).decision.value).not.toBeNull();
    expect(createStore(settingsFor(), () => now + 183 * DAY).decision.value).toBeNull();
    createStore(settingsFor(), () => now).decide({ statistics: true }, 'api');
    expect(createStore(settingsFor(), () => now + 183 * DAY).decision.value).not.toBeNull();
  });

  it('knows it asks again because the revision was raised', () => {
    createStore(settingsFor({ revision: 1 }), () => now).decide({ statistics: true }, 'api');
    expect(createStore(settingsFor({ revision: 1 }), () => now).askedAgain).toBe(false);
    expect(createStore(settingsFor({ revision: 2 }), () => now).askedAgain).toBe(true);
  });

  it('reads a change another tab made when asked to refresh', async () => {
    const here = createStore(settingsFor(), () => now);
    // The early, asynchronous read of the cookie is back before the other tab writes.
    await new Promise<void>((resolve) => here.whenRead(resolve));
    const seen: unknown[] = [];
    here.changed.subscribe((changed) => changed && seen.push(changed.decision?.categories.statistics));
    createStore(settingsFor(), () => now).decide({ statistics: true }, 'api');
    here.refresh();
    here.refresh();
    expect(seen).toEqual([true]);
  });

  it('counts a tampered cookie as no decision and says so', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    createStore(settingsFor(), () => now).decide({ statistics: false, marketing: false }, 'api');
    const value = Cookies.get('holdback')!;
    Cookies.set('holdback', value.replace('marketing:0', 'marketing:1'), { path: '/' });
    const store = createStore(settingsFor(), () => now);
    expect(store.decision.value).toBeNull();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^holdback: the stored choice in the cookie "holdback" is ignored because its checksum/));
    // Re-reading the same bad value (another tab, a tab shown again) does not repeat the message.
    warn.mockClear();
    store.refresh();
    expect(warn).not.toHaveBeenCalled();
  });

  it('drops categories the config no longer has and refuses new ones', () => {
    createStore(settingsFor({ categories: { statistics: {}, ads: {} } }), () => now).decide({ statistics: true, ads: true }, 'api');
    const store = createStore(settingsFor({ categories: { statistics: {}, marketing: {} } }), () => now);
    expect(store.decision.value!.categories).toEqual({ necessary: true, statistics: true, marketing: false });
  });

  it('uses the configured cookie name', () => {
    createStore(settingsFor({ cookie: { name: 'consent' } }), () => now).decide({ statistics: true }, 'api');
    expect(Cookies.get('consent')).toMatch(/^v=1&id=/);
    expect(Cookies.get('holdback')).toBeUndefined();
  });

  it('keeps the choice for the page view when cookies cannot be written', () => {
    const blocked = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    const store = createStore(settingsFor(), () => now);
    store.decide({ statistics: true }, 'api');
    expect(store.allowed('statistics')).toBe(true);
    blocked.mockRestore();
  });
});

describe('the consent cookie under the same name more than once', () => {
  it('is read without writing anything, and repaired only when asked: every copy deleted, the newest choice kept', () => {
    createStore(settingsFor(), () => now - DAY).decide({ statistics: false }, 'api');
    const stale = Cookies.get('holdback')!;
    createStore(settingsFor(), () => now).decide({ statistics: true }, 'api');
    const fresh = Cookies.get('holdback')!;
    const writes = vi.fn();
    // As the browser lists one name set on two paths or domains.
    Object.defineProperty(document, 'cookie', { configurable: true, get: () => `holdback=${stale}; holdback=${fresh}`, set: writes });
    try {
      const store = createStore(settingsFor(), () => now);
      expect(store.decision.value?.categories.statistics).toBe(true);
      expect(store.allowed('statistics')).toBe(true);
      expect(writes).not.toHaveBeenCalled();
      store.repairDuplicates();
      const written = writes.mock.calls.map(([cookie]) => String(cookie));
      expect(written.filter((cookie) => cookie.startsWith('holdback=;')).length).toBeGreaterThan(0);
      const last = written.at(-1)!;
      expect(last.startsWith(`holdback=${fresh}; path=/; expires=`)).toBe(true);
      expect(last.endsWith('; SameSite=Lax')).toBe(true);
      writes.mockClear();
      store.repairDuplicates();
      expect(writes).not.toHaveBeenCalled();
    } finally {
      delete (document as { cookie?: string }).cookie;
    }
  });
});
