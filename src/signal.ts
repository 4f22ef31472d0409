/**
 * A value that tells its subscribers when it changes. The store holds the only
 * two (the decision and the open view); the gate, the UI and the integrations
 * subscribe. Deliberately smaller than a reactive library: there are no
 * derived values here, only a few explicit subscriptions.
 */
export interface ReadonlySignal<T> {
  readonly value: T;
  /** Calls `listener(value, previous)` after each change; returns the unsubscribe. */
  subscribe(listener: (value: T, previous: T) => void): () => void;
}

export interface Signal<T> extends ReadonlySignal<T> {
  value: T;
}

export function signal<T>(initial: T): Signal<T> {
  let current = initial;
  const listeners = new Set<(value: T, previous: T) => void>();
  return {
    get value() {
      return current;
    },
    set value(next) {
      if (Object.is(next, current)) return;
      const previous = current;
      current = next;
      for (const listener of [...listeners]) listener(next, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
