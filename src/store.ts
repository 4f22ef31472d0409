import Cookies from 'js-cookie';
import type { Settings } from './config/types';
import { decodeDecision, encodeDecision } from './consent/cookie-codec';
import { applyChoices, type Choices, type Decision, freezeDecision, isAllowed } from './consent/decision';
import { newConsentId } from './consent/id';
import { logWarning } from './log';
import { type ReadonlySignal, signal } from './signal';

/** Which part of the UI is open, if any. */
export type View = 'banner' | 'preferences' | null;

export interface Store {
  readonly settings: Settings;
  readonly decision: ReadonlySignal<Decision | null>;
  readonly view: ReadonlySignal<View>;
  allowed(name: string): boolean;
  decide(choices: Choices): void;
  reset(): void;
  show(view: View): void;
}

const DAY = 86_400_000;

/** The single source of truth, and the only writer of the decision cookie. */
export function createStore(settings: Settings, now: () => number = Date.now): Store {
  const { name, domain, expiresAfterDays } = settings.cookie;
  const jar = Cookies.withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: location.protocol === 'https:',
    ...(domain ? { domain } : {}),
  });
  const decision = signal<Decision | null>(read());
  const view = signal<View>(null);

  function read(): Decision | null {
    let value: string | undefined;
    try {
      value = jar.get(name);
    } catch {
      return null; // cookies blocked (a sandboxed frame throws on document.cookie)
    }
    if (value === undefined) return null;
    const decoded = decodeDecision(value);
    if ('problem' in decoded) {
      logWarning(`the stored choice in the cookie "${name}" is ignored because ${decoded.problem}; the visitor is asked again.`);
      return null;
    }
    if (decoded.revision !== settings.revision) return null; // the site asks everyone again
    const age = now() - Date.parse(decoded.decidedAt);
    if (age > expiresAfterDays * DAY || age < -DAY) return null;
    // Categories the config no longer has are dropped, new ones start refused.
    return freezeDecision({ ...decoded, ...applyChoices(settings, null, { ...decoded.categories, services: decoded.services }) });
  }

  function write(next: Decision | null): void {
    try {
      if (next) jar.set(name, encodeDecision(next), { expires: expiresAfterDays });
      else jar.remove(name);
    } catch {
      // Cookies blocked: the choice still holds for this page view.
    }
  }

  return {
    settings,
    decision,
    view,
    allowed: (category) => isAllowed(settings, decision.value, category),
    decide(choices) {
      const current = decision.value;
      const next = freezeDecision({
        id: current?.id ?? newConsentId(),
        ...applyChoices(settings, current, choices),
        revision: settings.revision,
        decidedAt: new Date(Math.floor(now() / 1000) * 1000).toISOString(),
      });
      write(next);
      decision.value = next;
      view.value = null;
    },
    reset() {
      write(null);
      decision.value = null;
      view.value = 'banner';
    },
    show(next) {
      view.value = next;
    },
  };
}
