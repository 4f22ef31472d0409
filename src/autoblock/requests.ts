import type { Vector } from './intercept';

/** Decides whether a request that no element carries is dropped. */
export type DropCheck = (url: string, vector: Vector) => boolean;

type Realm = Window & typeof globalThis;

/**
 * Drops requests to held-back trackers that scripts send directly: fetch,
 * XMLHttpRequest and sendBeacon. They are never queued: a beacon from before
 * consent must not arrive after it. (A worker script from a tracker's host
 * needs no patch: browsers refuse cross-origin worker scripts themselves.)
 */
export function patchRequests(realm: Realm, drop: DropCheck): void {
  const fetch = realm.fetch;
  if (typeof fetch === 'function') {
    realm.fetch = function (this: unknown, input: RequestInfo | URL, init?: RequestInit) {
      const url = (input as Request).url ?? String(input);
      // What a page sees of a request the browser refused: a network error.
      if (drop(url, 'fetch')) return Promise.reject(new TypeError('Failed to fetch'));
      return fetch.call(this, input, init);
    } as typeof fetch;
  }

  const xhr = realm.XMLHttpRequest?.prototype;
  if (xhr) {
    const open = xhr.open;
    const send = xhr.send;
    const dropped = new WeakSet<XMLHttpRequest>();
    xhr.open = function (this: XMLHttpRequest, ...args: Parameters<XMLHttpRequest['open']>) {
      if (drop(String(args[1]), 'xhr')) dropped.add(this);
      else dropped.delete(this);
      return (open as (...a: unknown[]) => void).apply(this, args);
    } as XMLHttpRequest['open'];
    xhr.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      if (!dropped.has(this)) return send.call(this, body);
      // What a page sees of a request the browser refused.
      setTimeout(() => this.dispatchEvent(new ProgressEvent('error')));
    };
  }

  const navigator = realm.Navigator?.prototype;
  const beacon = navigator?.sendBeacon;
  if (navigator && beacon) {
    navigator.sendBeacon = function (this: Navigator, url: string | URL, data?: BodyInit | null) {
      // false is what the browser answers when it cannot queue a beacon.
      return drop(String(url), 'beacon') ? false : beacon.call(this, url, data);
    };
  }
}
