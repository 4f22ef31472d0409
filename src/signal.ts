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
  return lazySignal(() => initial);
}

/** A signal whose first value is computed when it is first read or written, not before. */
export function lazySignal<T>(compute: () => T): Signal<T> {
  let pending = true;
  let current = undefined as T;
  const get = () => {
    if (pending) {
      pending = false;
      current = compute();
    }
    return current;
  };
  const listeners = new Set<(value: T, previous: T) => void>();
  return {
    get value() {
      return get();
    },
    set value(next) {
      get();
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
