// @vitest-environment happy-dom
import { createHash } from 'node:crypto';
import Cookies from 'js-cookie';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApi } from '../../src/api';
import { followChanges } from '../../src/changes';
import type { Config } from '../../src/config/types';
import { makeNotice } from '../../src/texts/notice';
import { shownSettings } from '../../src/texts/shown';
import type { ConsentRecord } from '../../src/consent/record';
import { createEvents } from '../../src/events';
import { sendRecords } from '../../src/integrations/record-endpoint';
import { createStore, type Store } from '../../src/store';
import { mountUi } from '../../src/ui/mount';
import { showPlaceholder } from '../../src/ui/placeholder';
import { settingsFor } from '../helpers';

const ENDPOINT = 'https://log.example/v1/records';
const NOTICES = 'https://log.example/v1/notices';

let sent: { url: string; body: string }[] = [];
const stops: (() => void)[] = [];

beforeEach(() => {
  sent = [];
  vi.spyOn(navigator, 'sendBeacon').mockImplementation((url, body) => {
    sent.push({ url: String(url), body: String(body) });
    return true;
  });
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  Cookies.remove('holdback', { path: '/' });
  document.body.replaceChildren();
});

function start(config: Config = {}, endpoint = ENDPOINT): Store {
  const store = createStore(settingsFor({ ...config, recordEndpoint: endpoint }));
  const records = sendRecords(store, endpoint, noticeOf(store));
  stops.push(followChanges(store, [{ what: 'sending the consent record', run: records.send }]), records.stop);
  return store;
}

const noticeOf = (store: Store) => async () => JSON.stringify(makeNotice(shownSettings(store.settings)));
const records = () => sent.filter((beacon) => beacon.url !== NOTICES).map((beacon) => JSON.parse(beacon.body) as ConsentRecord);
const sha256 = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
// The digest is asynchronous: the first decision's beacons leave once it is back.
const firstSent = (count: number) => vi.waitFor(() => expect(sent).toHaveLength(count));

function click(root: ParentNode, text: string): void {
  act(() =>
    Array.from(root.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === text)!
      .click(),
  );
}

function ui(store: Store): ShadowRoot {
  act(() => {
    stops.push(mountUi(store, ''));
  });
  return document.querySelector('[data-holdback]')!.shadowRoot!;
}

describe('records sent to the endpoint', () => {
  it('builds the notice when the page is idle once a view is open, never on a page that shows nothing, and at once for an early decision', async () => {
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (callback: () => void) => idle.push(callback));
    try {
      const quiet = createStore(settingsFor({ recordEndpoint: ENDPOINT }));
      const described = vi.fn(noticeOf(quiet));
      stops.push(sendRecords(quiet, ENDPOINT, described).stop);
      expect(idle).toHaveLength(0); // a returning visitor's page: no UI, no notice
      quiet.show('banner');
      expect(described).not.toHaveBeenCalled(); // not while the page loads
      idle[0]!();
      expect(described).toHaveBeenCalledTimes(1);

      const early = createStore(settingsFor({ recordEndpoint: ENDPOINT }));
      const first = vi.fn(noticeOf(early));
      const records = sendRecords(early, ENDPOINT, first);
      stops.push(followChanges(early, [{ what: 'sending the consent record', run: records.send }]), records.stop);
      early.decide({ statistics: true }, 'api');
      expect(first).toHaveBeenCalledTimes(1);
      await firstSent(2);
      expect(idle).toHaveLength(1); // the decision closed no view that was open: nothing more to do when idle
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends the record without a hash, and no notice, when the UI cannot be had', async () => {
    const store = createStore(settingsFor({ recordEndpoint: ENDPOINT }));
    const sending = sendRecords(store, ENDPOINT, () => Promise.reject(new Error('404')));
    stops.push(followChanges(store, [{ what: 'sending the consent record', run: sending.send }]), sending.stop);
    store.decide({ statistics: true }, 'api');
    await vi.waitFor(() => expect(records()).toHaveLength(1));
    expect(sent.map((beacon) => beacon.url)).toEqual([ENDPOINT]);
    expect(records()[0]!.noticeHash).toBeNull();
  });

  it('sends the notice to "notices" beside the endpoint before the record, which names it by the SHA-256 of that very body', async () => {
    const store = start({ revision: 2 });
    createApi(store, createEvents()).acceptAll();
    await firstSent(2);
    expect(sent.map((beacon) => beacon.url)).toEqual([NOTICES, ENDPOINT]);
    expect(sent[0]!.body).toBe(JSON.stringify(makeNotice(shownSettings(store.settings))));
    const record = JSON.parse(sent[1]!.body);
    expect(record.noticeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(record.noticeHash).toBe(sha256(sent[0]!.body));
    expect(Object.keys(record)).toEqual([
      'id',
      'time',
      'action',
      'source',
      'categories',
      'services',
      'regime',
      'gpc',
      'language',
      'revision',
      'noticeHash',
      'url',
      'userAgent',
    ]);
    expect(record).toMatchObject({ id: store.decision.value!.id, action: 'accept-all', source: 'api', revision: 2, regime: 'opt-in' });
    expect(record.time).toBe(store.decision.value!.decidedAt);
    expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('sends the notice once per page, and each later record at once, in the same task as the decision', async () => {
    const consent = createApi(start(), createEvents());
    consent.set({ statistics: true });
    await firstSent(2);
    consent.set({ marketing: true });
    consent.rejectAll();
    expect(sent.map((beacon) => beacon.url)).toEqual([NOTICES, ENDPOINT, ENDPOINT, ENDPOINT]);
    expect(records().map((record) => [record.action, record.source])).toEqual([
      ['custom', 'api'],
      ['custom', 'api'],
      ['reject-all', 'api'],
    ]);
    expect(new Set(records().map((record) => record.noticeHash)).size).toBe(1);
  });

  it('finds the notices address beside a relative endpoint too', async () => {
    const store = start({}, '/consent-log');
    store.decide({ statistics: true }, 'api');
    await firstSent(2);
    expect(sent.map((beacon) => beacon.url)).toEqual([new URL('/notices', location.href).href, '/consent-log']);
  });

  it('holds a decision made before the hash is known until it is, then sends the notice and the record', async () => {
    const digest = crypto.subtle.digest.bind(crypto.subtle);
    let release = () => {};
    vi.spyOn(crypto.subtle, 'digest').mockImplementation(
      (algorithm, data) => new Promise((resolve) => (release = () => resolve(digest(algorithm, data as BufferSource)))),
    );
    const store = start();
    store.decide({ statistics: true }, 'api');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([]);
    release();
    await firstSent(2);
    expect(records()[0]!.noticeHash).toBe(sha256(sent[0]!.body));
  });

  it('sends a waiting record without the hash rather than lose it when the page is left first', () => {
    vi.spyOn(crypto.subtle, 'digest').mockImplementation(() => new Promise(() => {}));
    const store = start();
    store.decide({ statistics: true }, 'api');
    expect(sent).toEqual([]);
    window.dispatchEvent(new Event('pagehide'));
    expect(sent.map((beacon) => beacon.url)).toEqual([ENDPOINT]);
    expect(records()[0]).toMatchObject({ noticeHash: null, action: 'custom' });
  });

  it('sends the hash as null, and no notice, where the page has no crypto.subtle', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(7) });
    try {
      const store = start();
      await new Promise((resolve) => setTimeout(resolve));
      store.decide({ statistics: true }, 'api');
      await firstSent(1);
      expect(sent.map((beacon) => beacon.url)).toEqual([ENDPOINT]);
      expect(records()[0]!.noticeHash).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('does not send again a decision another tab made and recorded', async () => {
    const store = start();
    await new Promise<void>((resolve) => store.whenRead(resolve));
    createStore(settingsFor()).decide({ statistics: true }, 'api');
    store.refresh();
    expect(store.decision.value!.categories.statistics).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(sent).toEqual([]);
  });

  it('falls back to fetch with keepalive, as text/plain, the notice first', async () => {
    vi.mocked(navigator.sendBeacon).mockReturnValue(false);
    const fetch = vi.fn(() => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal('fetch', fetch);
    try {
      start().decide({ statistics: true }, 'api');
      await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(2));
      const calls = fetch.mock.calls as unknown as [string, RequestInit][];
      expect(calls.map(([url]) => url)).toEqual([NOTICES, ENDPOINT]);
      for (const [, init] of calls)
        expect(init).toMatchObject({ method: 'POST', keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } });
      expect(JSON.parse(calls[1]![1].body as string).noticeHash).toBe(sha256(calls[0]![1].body as string));
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('the action and source of each surface', () => {
  it('records the banner’s buttons as the banner’s', async () => {
    const store = start();
    act(() => store.show('banner'));
    click(ui(store), 'Accept all');
    await firstSent(2);
    act(() => store.reset());
    click(ui(store), 'Reject all');
    // A choice made in the UI takes effect after the next paint.
    await vi.waitFor(() =>
      expect(records().map((record) => [record.action, record.source])).toEqual([
        ['accept-all', 'banner'],
        ['reject-all', 'banner'],
      ]),
    );
  });

  it('records the preference center’s choices as its own, a taking back as a withdrawal', async () => {
    const store = start();
    act(() => store.show('preferences'));
    const root = ui(store);
    act(() => root.querySelector<HTMLInputElement>('#holdback-category-statistics')!.click());
    click(root, 'Save choices');
    await firstSent(2);
    act(() => store.show('preferences'));
    click(root, 'Accept all');
    act(() => store.show('preferences'));
    act(() => root.querySelector<HTMLInputElement>('#holdback-category-marketing')!.click());
    click(root, 'Save choices');
    act(() => store.show('preferences'));
    click(root, 'Reject all');
    // A choice made in the UI takes effect after the next paint.
    await vi.waitFor(() =>
      expect(records().map((record) => [record.action, record.source])).toEqual([
        ['custom', 'preferences'],
        ['accept-all', 'preferences'],
        ['withdraw', 'preferences'],
        ['reject-all', 'preferences'],
      ]),
    );
  });

  it('records the opt-out notice and an embed’s placeholder as the first layer', async () => {
    const store = start({ region: 'US-CA', reloadOnWithdraw: false });
    act(() => store.show('banner'));
    click(ui(store), 'Do Not Sell or Share My Personal Information');
    await firstSent(2);
    const frame = document.createElement('iframe');
    frame.setAttribute('data-category', 'marketing');
    // Out of the document: happy-dom loads no frames, and the placeholder only needs a parent.
    document.createElement('div').append(frame);
    act(() => {
      stops.push(showPlaceholder(frame, store, '', () => {}));
    });
    click(frame.previousElementSibling!.shadowRoot!, 'Load Marketing');
    await vi.waitFor(() =>
      expect(records().map((record) => [record.action, record.source, record.regime])).toEqual([
        ['withdraw', 'banner', 'opt-out'],
        ['accept-all', 'banner', 'opt-out'],
      ]),
    );
  });
});
