import type { Settings } from '../config/types';
import { allowsAnything, type Decision, gpcRefuses, isAllowed } from './decision';

/**
 * Which surface made a decision: the first layer (the banner, or under opt-out
 * the notice and its links, and an embed's placeholder), the preference center,
 * a `Consent.*` call by the site, or the Global Privacy Control signal alone.
 */
export type Source = 'banner' | 'preferences' | 'api' | 'gpc';

/**
 * What a decision did. `gpc` (with the source `gpc`) is kept in the log's
 * format for a decision the signal makes alone; holdback makes none, since it
 * applies the signal each time it reads a choice, so it never sends either.
 */
export type Action = 'accept-all' | 'reject-all' | 'custom' | 'withdraw' | 'gpc';

/**
 * Proof of one decision, as sent to `recordEndpoint`, in this key order. The
 * page address has no query string or fragment: those can carry personal data.
 */
export interface ConsentRecord {
  id: string;
  time: string;
  action: Action;
  source: Source;
  categories: Readonly<Record<string, boolean>>;
  services: Readonly<Record<string, boolean>>;
  regime: 'opt-in' | 'opt-out';
  gpc: boolean;
  language: string;
  revision: number;
  /** SHA-256 of the notice the visitor was shown, or null where the page cannot hash (no `crypto.subtle`). */
  noticeHash: string | null;
  url: string;
  userAgent: string;
}

/**
 * The record of a decision made on `source`, which took back `withdrawn`. Its notice hash
 * is null until the hash is known.
 */
export function makeRecord(
  settings: Settings,
  decision: Decision,
  withdrawn: readonly string[],
  source: Source,
  page: { url: string; userAgent: string },
): ConsentRecord {
  return {
    id: decision.id,
    time: decision.decidedAt,
    action: actionOf(settings, decision, withdrawn),
    source,
    categories: decision.categories,
    services: decision.services,
    regime: decision.regime,
    gpc: settings.gpc.signal,
    language: settings.language,
    revision: decision.revision,
    noticeHash: null,
    url: page.url.replace(/[?#].*$/, ''),
    userAgent: page.userAgent,
  };
}

/**
 * The action is judged by the outcome, not by the button, so that the API, the
 * preference center and the banner name the same choice alike: nothing optional
 * allowed is `reject-all`, and everything allowed (but what GPC keeps refused)
 * is `accept-all`, even when either takes something back; otherwise taking back
 * anything allowed before (as the `change` event's `withdrawn` counts it, so under
 * opt-out a first opt-out too) is `withdraw`, and the rest is `custom`.
 */
export function actionOf(settings: Settings, after: Decision, withdrawn: readonly string[]): Action {
  if (!allowsAnything(settings, after)) return 'reject-all';
  const everything = settings.categories.every(
    (category) =>
      category.required ||
      gpcRefuses(settings, category.name) ||
      [category, ...category.services].every((holder) => isAllowed(settings, after, holder.name)),
  );
  if (everything) return 'accept-all';
  return withdrawn.length > 0 ? 'withdraw' : 'custom';
}
