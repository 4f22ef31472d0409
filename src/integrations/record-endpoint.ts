import { effect } from '@preact/signals-core';
import type { Change } from '../consent/decision';
import { sha256 } from '../consent/digest';
import { type ConsentRecord, makeRecord } from '../consent/record';
import { logWarning } from '../log';
import type { Store } from '../store';

/**
 * Sends each decision's record to the site's endpoint, and before the first
 * one the notice it names by hash, to `notices` beside the endpoint
 * (`…/v1/records` → `…/v1/notices`), once per page: the texts are fixed for
 * the page view, so there is one notice and one hash. The body of the notice
 * is exactly the text that was hashed, so that the receiver can check it.
 * A decision read from the cookie (at start, or from another tab) was
 * recorded where it was made and is not sent again.
 *
 * The notice is made of the UI's texts, which come with the UI file:
 * `noticeText` gives it (loading the UI if it must).
 */
export function sendRecords(store: Store, endpoint: string, noticeText: () => Promise<string>): { send(change: Change): void; stop(): void } {
  const { settings } = store;
  // The senders as they are when holdback starts, not as the page may replace them later.
  natives = { beacon: navigator.sendBeacon?.bind(navigator), fetch: globalThis.fetch?.bind(globalThis) };
  let notice = '';
  let noticeUrl: string | undefined;
  try {
    noticeUrl = new URL('notices', new URL(endpoint, location.href)).href;
  } catch {
    // An endpoint that is no URL: the record's own send says so.
  }
  // undefined while the digest runs. It is asynchronous, and a record must
  // still go out synchronously once it is known: a withdrawal may reload next.
  let hash: string | null | undefined;
  const waiting: ConsentRecord[] = [];
  const transmit = (record: ConsentRecord, noticeHash: string | null) => {
    if (noticeHash && noticeUrl) {
      post(noticeUrl, notice, 'notice');
      noticeUrl = undefined; // sent: once per page
    }
    post(endpoint, JSON.stringify({ ...record, noticeHash }), 'consent record');
  };
  const flush = (noticeHash: string | null) => {
    for (const record of waiting.splice(0)) transmit(record, noticeHash);
  };
  // The notice is built and hashed when the page is idle once a view is open
  // (the UI is there then, and a decision may follow), not while the page
  // loads, nor on a page that shows nothing (most make no decision); or at
  // once when a decision comes first. Without the UI, no notice is sent, and
  // the record goes without its hash.
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    noticeText()
      .then((text) => {
        notice = text;
        return sha256(text);
      })
      .then(
        (value) => {
          hash = value;
          flush(value);
        },
        () => {
          hash = null;
          flush(null);
        },
      );
  };
  const stopWatching = effect(() => {
    if (!started && store.view.value !== null) (globalThis.requestIdleCallback ?? setTimeout)(start);
  });
  // A decision made before the hash is known waits for it, unless the page is
  // left first: then its record goes without the hash rather than not at all.
  const leave = () => flush(null);
  addEventListener('pagehide', leave);

  return {
    send({ decision, withdrawn }) {
      const { source } = store;
      if (!decision || !source) return;
      const record = makeRecord(settings, decision, withdrawn, source, { url: location.href, userAgent: navigator.userAgent });
      if (hash !== undefined) return transmit(record, hash);
      waiting.push(record);
      start();
    },
    stop() {
      stopWatching();
      removeEventListener('pagehide', leave);
    },
  };
}

// sendBeacon survives the reload that may follow a withdrawal; fetch with
// keepalive is the fallback. The body is sent as text/plain, which needs no
// CORS preflight. A failed send costs the page nothing and never touches the
// stored choice.
let natives: { beacon: Navigator['sendBeacon'] | undefined; fetch: typeof fetch | undefined } = { beacon: undefined, fetch: undefined };

function post(url: string, body: string, what: string): void {
  try {
    if (natives.beacon?.(url, body)) return;
  } catch {
    // An endpoint the beacon refuses (a bad URL, a blocked scheme): try fetch.
  }
  if (!natives.fetch) return;
  natives
    .fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } })
    .catch(() => logWarning(`the ${what} could not be sent to ${url}; the choice is stored all the same.`));
}
