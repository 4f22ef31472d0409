import { makeRecord } from '../consent/record';
import { logWarning } from '../log';
import type { Store } from '../store';

/**
 * Sends each decision's record to the site's endpoint. sendBeacon survives the
 * reload that may follow a withdrawal; fetch with keepalive is the fallback.
 * The body is JSON sent as text/plain, which needs no CORS preflight. A failed
 * send costs the page nothing and never touches the stored choice.
 */
export function sendRecords(store: Store, endpoint: string): () => void {
  return store.decision.subscribe((decision) => {
    if (!decision) return;
    const body = JSON.stringify(
      makeRecord(decision, {
        regime: decision.regime,
        gpc: store.settings.gpc.signal,
        language: store.settings.language,
        url: location.href,
        userAgent: navigator.userAgent,
      }),
    );
    try {
      if (navigator.sendBeacon?.(endpoint, body)) return;
    } catch {
      // An endpoint the beacon refuses (a bad URL, a blocked scheme): try fetch.
    }
    fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).catch(() =>
      logWarning(`the consent record could not be sent to ${endpoint}; the choice is stored all the same.`),
    );
  });
}
