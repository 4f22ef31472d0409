import type { Settings } from './config/types';
import { cookiePairs, decodeValue, deleteCookie, keepCookieJar, writeCookie } from './cookies';
import { logWarning } from './log';

/**
 * The consent cookie's input and output, and nothing else: reading it decides
 * nothing and writes nothing. The store decodes what it reads, and asks for a
 * repair when it found the name more than once.
 */
export interface DecisionCookie {
  /**
   * Every raw value stored under the name: the early fetch's the first time,
   * when it is back, else document.cookie's; null when cookies are blocked.
   */
  read(): string[] | null;
  /** Settles when the early fetch does; undefined without the Cookie Store API (nothing to wait for). */
  readonly fetching: Promise<void> | undefined;
  /** Whether the early fetch is back and not read yet. */
  readonly fetched: boolean;
  /** Stores `value` for `days`, or deletes the cookie. Blocked cookies are a no-op: the choice holds for this page view. */
  write(value: string | null, days?: number): void;
  /** Deletes the name under every domain and path it may have been set with. */
  removeEverywhere(): void;
}

export function decisionCookie({ name, domain }: Settings['cookie']): DecisionCookie {
  // document.URL, not location.protocol: `location`'s interface is about 3.5 KB
  // of heap, built on its first touch, which a page that only reads the choice need not pay.
  const attributes = { domain, sameSite: 'Lax', secure: document.URL.startsWith('https:') } as const;
  keepCookieJar();
  let unkept = false;
  const cannotKeep = () => {
    if (unkept) return;
    unkept = true;
    logWarning(`the choice could not be stored in the cookie "${name}" (cookies are blocked here); it holds for this page view only.`);
  };
  // Reading document.cookie is a synchronous round trip to the browser process,
  // which costs 2-20 ms of blocked main thread while a page loads. Where the
  // Cookie Store API exists the cookie is fetched asynchronously right away;
  // whoever reads first takes that answer, and every read after it (another
  // tab's change) goes to document.cookie.
  let early: string[] | null = null;
  const fetching = fetchValues(name)?.then(
    (values) => {
      early = values;
    },
    () => {}, // blocked or unavailable: read synchronously when needed
  );
  return {
    fetching,
    get fetched() {
      return early !== null;
    },
    read() {
      const values = early;
      early = null;
      if (values) return values;
      try {
        const values: string[] = [];
        const pairs = cookiePairs();
        for (let i = 0; i < pairs.length; i++) if (pairs[i]![0] === name) values[values.length] = decodeValue(pairs[i]![1]);
        return values;
      } catch {
        return null; // cookies blocked (a sandboxed frame throws on document.cookie)
      }
    },
    write(value, days) {
      try {
        writeCookie(name, value ?? '', { ...attributes, days: value === null ? -1 : days });
        if (value !== null && navigator.cookieEnabled === false) cannotKeep();
      } catch {
        // Cookies blocked (a sandboxed frame throws): the choice still holds for this page view.
        cannotKeep();
      }
    },
    removeEverywhere() {
      try {
        deleteCookie(name, domain);
      } catch {
        // Cookies blocked: nothing was stored to remove.
      }
    },
  };
}

/** The raw values stored under `name`, fetched without blocking; undefined without the Cookie Store API. */
function fetchValues(name: string): Promise<string[]> | undefined {
  const store = (globalThis as { cookieStore?: { getAll(name: string): Promise<{ value: string }[]> } }).cookieStore;
  if (!store || typeof store.getAll !== 'function') return undefined;
  try {
    return store.getAll(name).then((cookies) => cookies.map((cookie) => decodeValue(cookie.value)));
  } catch {
    return undefined;
  }
}
