import { batch, computed, effect, Signal, signal, untracked } from '@preact/signals-core';
import { logError } from './log';
import type { Ui } from './ui';
import { SHARED_SIGNALS, UI_READY } from './ui-handover';

/** Gets the UI, fetching it the first time; a failed attempt is tried again on the next call. */
export type LoadUi = () => Promise<Ui>;

/** Written by the build: the UI file's SHA-384, so that it runs only as built. Empty in the tests. */
declare const __HOLDBACK_UI_INTEGRITY__: string | undefined;
const INTEGRITY = typeof __HOLDBACK_UI_INTEGRITY__ === 'string' ? __HOLDBACK_UI_INTEGRITY__ : '';

export const UI_FILE = 'consent-ui.js';

/**
 * The drop-in's loader: `consent-ui.js` from beside the drop-in's own URL
 * (so a copy of dist/ and a CDN both work), with the drop-in's nonce and the
 * integrity hash the build wrote into it. While it loads, and if it fails,
 * nothing is allowed that was not: the UI only ever asks the store.
 */
export function uiBeside(ownUrl: string, nonce: string): LoadUi {
  let loading: Promise<Ui> | null = null;
  return () => {
    loading ??= new Promise<Ui>((resolve, reject) => {
      const url = new URL(UI_FILE, ownUrl || document.baseURI).href;
      const script = Object.assign(document.createElement('script'), {
        [SHARED_SIGNALS]: { Signal, batch, computed, effect, signal, untracked },
      });
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        script.remove();
        loading = null;
        logError(`the consent UI could not be loaded from ${url} (${why}); nothing optional runs, and the next view asked for tries again.`);
        reject(new Error(why));
      };
      script.addEventListener(
        UI_READY,
        (event) => {
          settled = true;
          resolve((event as CustomEvent<Ui>).detail);
        },
        { once: true },
      );
      script.addEventListener('load', () => setTimeout(() => fail("the file ran but is not holdback's UI")), { once: true });
      script.addEventListener('error', () => fail('the request failed or its integrity did not match'), { once: true });
      if (INTEGRITY) {
        script.integrity = INTEGRITY;
        // A hash is checked on another origin (a CDN) only for a CORS request.
        script.crossOrigin = 'anonymous';
      }
      script.nonce = nonce;
      try {
        script.src = url;
        document.head.append(script);
      } catch (error) {
        // A page policy that refuses the URL (Trusted Types) throws here; failed
        // after this call has returned, so that the next one starts anew.
        queueMicrotask(() => fail(error instanceof Error ? error.message : String(error)));
      }
    });
    return loading;
  };
}
