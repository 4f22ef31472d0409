// @ts-check
// What reached the tracker stand-ins, kept in memory and told to whoever
// listens (the side panel, through server-sent events) as it happens.

/**
 * @typedef {{ at: string, host: string, path: string, vendor: string, category: string, cookies: string[] }} Entry
 * @typedef {{ type: 'request', entry: Entry } | { type: 'clear' }} Change
 */

/** @param {number} limit the most entries kept; the oldest go first */
export function createTrackerLog(limit) {
  /** @type {Entry[]} */
  const entries = [];
  /** @type {Set<(change: Change) => void>} */
  const listeners = new Set();
  const tell = (/** @type {Change} */ change) => {
    for (const listener of listeners) listener(change);
  };

  return Object.freeze({
    /** @param {Entry} entry */
    add(entry) {
      entries.push(entry);
      if (entries.length > limit) entries.shift();
      tell({ type: 'request', entry });
    },
    clear() {
      entries.length = 0;
      tell({ type: 'clear' });
    },
    /** @returns {Entry[]} */
    list: () => [...entries],
    /** @param {(change: Change) => void} listener @returns {() => void} unsubscribe */
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
}
