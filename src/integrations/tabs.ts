import type { Store } from '../store';

/**
 * Keeps the open tabs of a site in step: a change in one tab is announced on a
 * BroadcastChannel and the others read the cookie again. Without
 * BroadcastChannel, a tab reads it again whenever it becomes visible.
 */
export function syncTabs(store: Store): { announce(): void; stop(): void } {
  if (typeof BroadcastChannel !== 'function') {
    const onVisible = () => {
      if (document.visibilityState === 'visible') store.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return { announce() {}, stop: () => document.removeEventListener('visibilitychange', onVisible) };
  }
  const channel = new BroadcastChannel(`holdback:${store.settings.cookie.name}`);
  let receiving = false;
  channel.onmessage = () => {
    receiving = true;
    try {
      store.refresh();
    } finally {
      receiving = false;
    }
  };
  return {
    /** Tells the other tabs of a change made in this one (not of one heard from them). */
    announce() {
      if (!receiving) channel.postMessage('changed');
    },
    stop: () => channel.close(),
  };
}
