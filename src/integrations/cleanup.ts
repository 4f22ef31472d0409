import type { Settings } from '../config/types';
import { toRemove } from '../consent/patterns';
import { cookiePairs, deleteCookie } from '../cookies';

/**
 * Deletes the cookies and storage keys the config lists for what was just
 * withdrawn: what it set must not outlive the consent it needed.
 */
export function removeWithdrawn(settings: Settings, withdrawn: string[], allowed: (name: string) => boolean): void {
  if (withdrawn.length === 0) return;
  // Blocked cookies or storage (privacy settings, a sandboxed frame) throw: then nothing was stored there to remove.
  try {
    const names = cookiePairs().map(([name]) => name);
    for (const name of toRemove(settings, names, withdrawn, allowed, (h) => h.cookies.map((c) => c.name))) {
      deleteCookie(name, settings.cookie.domain);
    }
  } catch {}
  for (const storage of storages()) {
    try {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i) ?? '');
      for (const key of toRemove(settings, keys, withdrawn, allowed, (h) => h.storage)) storage.removeItem(key);
    } catch {}
  }
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
