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
  emit<E extends EventName>(event: E, detail: EventMap[E]): void;
  /** Emits `ready` with a detail computed when a listener first needs it. */
  ready(detail: () => Decision | null): void;
}

/**
 * Listeners for `Consent.on()`. `ready` is sticky: holdback is ready before the
 * page's own scripts can subscribe, so a late listener is called at once.
 * Every change is also a `consent:change` CustomEvent on window.
 */
export function createEvents(): Events {
  const listeners: { [E in EventName]: Set<Listener<E>> } = { change: new Set(), ready: new Set() };
  let ready: { detail: Decision | null } | null = null;

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
      if (event === 'ready' && ready) call(listener, ready.detail as EventMap[typeof event]);
      return () => {
        set.delete(listener);
      };
    },
    ready(detail) {
      // Read when first asked for: holdback is ready before any listener can exist,
      // and the stored choice need not be read (a blocking cookie read) until then.
      let memo: { value: Decision | null } | null = null;
      ready = {
        get detail() {
          memo ??= { value: detail() };
          return memo.value;
        },
      };
      for (const listener of listeners.ready) call(listener, ready.detail);
    },
    emit(event, detail) {
      if (event === 'ready') ready = { detail: detail as Decision | null };
      for (const listener of listeners[event]) call(listener, detail);
      if (event === 'change') window.dispatchEvent(new CustomEvent('consent:change', { detail }));
    },
  };
}
