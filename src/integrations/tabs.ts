import type { Store } from '../store';

/**
 * Keeps the open tabs of a site in step: a change in one tab is announced on a
 * BroadcastChannel and the others read the cookie again. Without
 * BroadcastChannel, a tab reads it again whenever it becomes visible.
 */
export function syncTabs(store: Store): () => void {
  if (typeof BroadcastChannel !== 'function') {
    const onVisible = () => {
      if (document.visibilityState === 'visible') store.refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
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
  const stop = store.decision.subscribe(() => {
    if (!receiving) channel.postMessage('changed');
  });
  return () => {
    stop();
    channel.close();
  };
}
