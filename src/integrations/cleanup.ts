import { compare } from '../consent/decision';
import { toRemove } from '../consent/patterns';
import { cookiePairs, deleteCookie } from '../cookies';
import type { Store } from '../store';

/**
 * When a category or service is withdrawn, deletes the cookies and storage keys
 * the config lists for it: what it set must not outlive the consent it needed.
 */
export function cleanUpOnWithdraw(store: Store): () => void {
  const { settings } = store;
  return store.decision.subscribe((next, previous) => {
    const { withdrawn } = compare(settings, previous, next);
    if (withdrawn.length === 0) return;
    const names = cookiePairs().map(([name]) => name);
    for (const name of toRemove(settings, names, withdrawn, store.allowed, (h) => h.cookies.map((c) => c.name))) {
      deleteCookie(name, settings.cookie.domain);
    }
    for (const storage of storages()) {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '');
      for (const key of toRemove(settings, keys, withdrawn, store.allowed, (h) => h.storage)) storage.removeItem(key);
    }
  });
}

function storages(): Storage[] {
  const found: Storage[] = [];
  for (const get of [() => localStorage, () => sessionStorage]) {
    try {
      found.push(get());
    } catch {
      // Storage blocked (privacy settings, sandboxed frame): nothing stored, nothing to remove.
    }
  }
  return found;
}
