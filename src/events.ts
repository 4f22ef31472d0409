import type { Change, Decision } from './consent/decision';
import { logError } from './log';

export interface EventMap {
  change: Change;
  ready: Decision | null;
}
export type EventName = keyof EventMap;
export type Listener<E extends EventName> = (detail: EventMap[E]) => void;

export interface Events {
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Tells the listeners, and the page by a `consent:change` event. */
  change(detail: Change): void;
  /** holdback is ready: `decision` gives the choice it started with, read only when a listener asks. */
  ready(decision: () => Decision | null): void;
}

/**
 * Listeners for `Consent.on()`. `ready` is sticky: holdback is ready before the
 * page's own scripts can subscribe, so a late listener is called at once.
 * Every change is also a `consent:change` CustomEvent on window.
 */
export function createEvents(): Events {
  const listeners: { [E in EventName]: Set<Listener<E>> } = { change: new Set(), ready: new Set() };
  let started: (() => Decision | null) | null = null;

  function call<E extends EventName>(listener: Listener<E>, detail: EventMap[E]): void {
    try {
      listener(detail);
    } catch (error) {
      logError('a Consent.on() listener threw', error);
    }
  }

  return {
    on(event, listener) {
      const set = listeners[event] as Set<typeof listener> | undefined;
      if (!set || typeof listener !== 'function') {
        logError(`Consent.on() takes "change" or "ready" and a function, not ${String(event)}`);
        return () => {};
      }
      set.add(listener);
      if (event === 'ready' && started) call(listener, started() as EventMap[typeof event]);
      return () => {
        set.delete(listener);
      };
    },
    ready(decision) {
      started = decision;
      for (const listener of listeners.ready) call(listener, decision());
    },
    change(detail) {
      for (const listener of listeners.change) call(listener, detail);
      window.dispatchEvent(new CustomEvent('consent:change', { detail }));
    },
  };
}
