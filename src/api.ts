import type { Settings } from './config/types';
import { type Choices, type Decision, everything, isKnown } from './consent/decision';
import type { Events } from './events';
import { guard, logError } from './log';
import type { Store } from './store';

/** `window.Consent`. */
export interface ConsentApi {
  /** The current decision, or `null` before the visitor has decided. */
  get(): Decision | null;
  /** Whether a category or a service is allowed now. */
  allowed(name: string): boolean;
  acceptAll(): void;
  rejectAll(): void;
  /** Changes some categories (and `services`), keeping the rest. */
  set(choices: Choices): void;
  showBanner(): void;
  showPreferences(): void;
  hide(): void;
  /** Forgets the decision; the banner shows again. */
  reset(): void;
  on: Events['on'];
}

/** A thin facade over the store: every call is guarded, bad arguments change nothing. */
export function createApi(store: Store, events: Events): ConsentApi {
  const { settings } = store;
  return Object.freeze({
    get: guard('Consent.get()', () => store.decision.value, null),
    allowed: guard('Consent.allowed()', (name: string) => store.allowed(name), false),
    acceptAll: guard('Consent.acceptAll()', () => store.decide(everything(settings, true)), undefined),
    rejectAll: guard('Consent.rejectAll()', () => store.decide(everything(settings, false)), undefined),
    set: guard(
      'Consent.set()',
      (choices: Choices) => {
        const problem = checkChoices(settings, choices);
        if (problem) logError(`Consent.set() changed nothing: ${problem}.`);
        else store.decide(choices);
      },
      undefined,
    ),
    showBanner: guard('Consent.showBanner()', () => store.show('banner'), undefined),
    showPreferences: guard('Consent.showPreferences()', () => store.show('preferences'), undefined),
    hide: guard('Consent.hide()', () => store.show(null), undefined),
    reset: guard('Consent.reset()', () => store.reset(), undefined),
    on: guard('Consent.on()', events.on, () => {}),
  });
}

/**
 * What `window.Consent` is when the config is unusable: the same calls, so that
 * the site's code keeps working, but nothing is ever allowed.
 */
export function createClosedApi(events: Events, reason: string): ConsentApi {
  const refuse = () => logError(`nothing can be allowed: ${reason}.`);
  return Object.freeze({
    get: () => null,
    allowed: () => false,
    acceptAll: refuse,
    rejectAll: refuse,
    set: refuse,
    showBanner: refuse,
    showPreferences: refuse,
    hide: () => {},
    reset: refuse,
    on: guard('Consent.on()', events.on, () => {}),
  });
}

function checkChoices(settings: Settings, choices: unknown): string | null {
  if (typeof choices !== 'object' || choices === null || Array.isArray(choices)) return 'it takes an object such as { statistics: true }';
  for (const [name, value] of Object.entries(choices)) {
    if (name === 'services') {
      if (typeof value !== 'object' || value === null) return '"services" must be an object such as { "meta-pixel": false }';
      for (const [service, allowed] of Object.entries(value)) {
        const category = settings.categories.find((c) => c.name === service);
        if (category || !isKnown(settings, service)) return `"${service}" is not a service the config defines`;
        if (typeof allowed !== 'boolean') return `the value for the service "${service}" must be true or false`;
      }
    } else if (!settings.categories.some((c) => c.name === name)) {
      return `"${name}" is not a category the config defines`;
    } else if (typeof value !== 'boolean') {
      return `the value for "${name}" must be true or false`;
    }
  }
  return null;
}
