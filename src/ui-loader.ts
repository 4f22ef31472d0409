import { batch, computed, effect, Signal, signal, untracked } from '@preact/signals-core';
import type { ShowChoicesLink } from './choices-link';
import { logError } from './log';
import { trustedScriptUrl } from './trusted-types';
import type { Ui } from './ui';
import { FILE_READY, SHARED_SIGNALS } from './ui-handover';

/** Gets what a file beside the drop-in hands over, fetching it the first time; a failed attempt is tried again on the next call. */
export type Load<T> = () => Promise<T>;
export type LoadUi = Load<Ui>;
export type LoadLink = Load<ShowChoicesLink>;

/** Written by the build: each file's SHA-384, so that it runs only as built. Empty in the tests. */
declare const __HOLDBACK_UI_INTEGRITY__: string | undefined;
declare const __HOLDBACK_LINK_INTEGRITY__: string | undefined;

export const UI_FILE = 'consent-ui.js';
export const LINK_FILE = 'consent-link.js';

/** The UI: everything the visitor sees, when a view or a placeholder is first needed. */
export const uiBeside = (ownUrl: string, nonce: string): LoadUi =>
  beside(UI_FILE, typeof __HOLDBACK_UI_INTEGRITY__ === 'string' ? __HOLDBACK_UI_INTEGRITY__ : '', ownUrl, nonce, {
    what: 'the consent UI',
    meanwhile: 'nothing optional runs, and the next view asked for tries again',
  });

/** Under opt-out, the "Your Privacy Choices" link on every page, without the UI. */
export const linkBeside = (ownUrl: string, nonce: string): LoadLink =>
  beside(LINK_FILE, typeof __HOLDBACK_LINK_INTEGRITY__ === 'string' ? __HOLDBACK_LINK_INTEGRITY__ : '', ownUrl, nonce, {
    what: 'the privacy choices link',
    meanwhile: "the preference center still opens from the site's own links and Consent.showPreferences()",
  });

/**
 * The drop-in's loader: a file from beside the drop-in's own URL (so a copy
 * of dist/ and a CDN both work), with the drop-in's nonce and the integrity
 * hash the build wrote into it. While it loads, and if it fails, nothing is
 * allowed that was not: what it brings only ever asks the store.
 */
function beside<T>(file: string, integrity: string, ownUrl: string, nonce: string, words: { what: string; meanwhile: string }): Load<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= new Promise<T>((resolve, reject) => {
      const url = new URL(file, ownUrl || document.baseURI).href;
      // The UI file runs on the drop-in's own copy of the state library (ui/shared-signals.ts).
      const script = Object.assign(document.createElement('script'), {
        [SHARED_SIGNALS]: { Signal, batch, computed, effect, signal, untracked },
      });
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        script.remove();
        loading = null;
        logError(`${words.what} could not be loaded from ${url} (${why}); ${words.meanwhile}.`);
        reject(new Error(why));
      };
      script.addEventListener(
        FILE_READY,
        (event) => {
          settled = true;
          resolve((event as CustomEvent<T>).detail);
        },
        { once: true },
      );
      script.addEventListener('load', () => setTimeout(() => fail('the file ran but is not the one holdback built')), { once: true });
      script.addEventListener('error', () => fail('the request failed or its integrity did not match'), { once: true });
      if (integrity) {
        script.integrity = integrity;
        // A hash is checked on another origin (a CDN) only for a CORS request.
        script.crossOrigin = 'anonymous';
      }
      script.nonce = nonce;
      try {
        script.src = trustedScriptUrl(url);
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
