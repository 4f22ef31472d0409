import type { Settings } from '../config/types';
import type { Tracker } from '../catalogue/runtime';
import { NECESSARY } from '../markup';

/** What a request to a known tracker host belongs to. */
export interface Match {
  /** The catalogue id or the config's service name. */
  id: string;
  title: string;
  category: string;
  /** The name whose consent lets it go: the service if the config declares it, else its category. */
  requirement: string;
  /** Never held back: marked necessary, ignored by the config, or left to Consent Mode. */
  passes: boolean;
}

interface Rule {
  path: string;
  match: Match;
}

export interface TrackerIndex {
  /** The service a URL belongs to, or `null` for first-party and unknown hosts. */
  match(url: URL): Match | null;
  /** Every rule's host pattern, with what it belongs to (for strict mode's allowlist). */
  patterns(): { pattern: string; match: Match }[];
}

/**
 * Looks URLs up in the catalogue and in the services the config declares with
 * hosts. The most specific rule wins: the longest host, then the longest path
 * (`www.google.com/pagead/` over `www.google.com`); the config over the catalogue.
 */
export function createTrackerIndex(settings: Settings, trackers: readonly Tracker[], ignored: readonly string[]): TrackerIndex {
  const rules = new Map<string, Rule[]>();
  const all: { pattern: string; match: Match }[] = [];
  const advanced = settings.consentMode?.mode === 'advanced';

  function add(pattern: string, match: Match): void {
    const cut = pattern.indexOf('/');
    const host = (cut < 0 ? pattern : pattern.slice(0, cut)).toLowerCase();
    const path = cut < 0 ? '' : pattern.slice(cut);
    const list = rules.get(host) ?? [];
    const same = list.findIndex((rule) => rule.path === path);
    if (same >= 0) list.splice(same, 1);
    list.push({ path, match });
    list.sort((a, b) => b.path.length - a.path.length);
    rules.set(host, list);
    all.push({ pattern, match });
  }

  const declared = new Map(settings.categories.flatMap((category) => category.services.map((service) => [service.name, service])));
  for (const tracker of trackers) {
    if (declared.has(tracker.id)) continue; // the config's declaration (below) carries its hosts and category
    const passes = advanced && tracker.consentMode === true;
    for (const host of tracker.hosts) {
      add(host, { id: tracker.id, title: tracker.name, category: tracker.category, requirement: tracker.category, passes });
    }
  }
  const byId = new Map(trackers.map((tracker) => [tracker.id, tracker]));
  for (const service of declared.values()) {
    const passes = service.category === NECESSARY || (advanced && byId.get(service.name)?.consentMode === true);
    for (const host of service.hosts) {
      add(host, { id: service.name, title: service.title, category: service.category, requirement: service.name, passes });
    }
  }
  for (const host of ignored) add(host, { id: host, title: host, category: NECESSARY, requirement: NECESSARY, passes: true });

  return {
    match(url) {
      const host = url.hostname.toLowerCase();
      let suffix = host;
      for (;;) {
        const list = rules.get(suffix);
        const rule = list?.find((candidate) => onPath(url.pathname, candidate.path));
        if (rule) return rule.match;
        const dot = suffix.indexOf('.');
        if (dot < 0) return null;
        suffix = suffix.slice(dot + 1);
      }
    },
    patterns: () => all,
  };
}

// "/tr" covers "/tr" and "/tr/…" but not "/trending"; "/pagead/" covers what is below it.
function onPath(pathname: string, prefix: string): boolean {
  if (!prefix || pathname === prefix) return true;
  return pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
