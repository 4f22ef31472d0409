import type { Decision } from './decision';

/**
 * Proof of one decision, as sent to `recordEndpoint`. The page address has no
 * query string or fragment: those can carry personal data.
 */
export interface ConsentRecord {
  id: string;
  time: string;
  categories: Readonly<Record<string, boolean>>;
  services: Readonly<Record<string, boolean>>;
  regime: 'opt-in' | 'opt-out';
  gpc: boolean;
  language: string;
  revision: number;
  url: string;
  userAgent: string;
}

export function makeRecord(
  decision: Decision,
  context: { regime: ConsentRecord['regime']; gpc: boolean; language: string; url: string; userAgent: string },
): ConsentRecord {
  return {
    id: decision.id,
    time: decision.decidedAt,
    categories: decision.categories,
    services: decision.services,
    revision: decision.revision,
    ...context,
    url: context.url.replace(/[?#].*$/, ''),
  };
}
