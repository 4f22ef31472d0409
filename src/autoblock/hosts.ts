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
  // Added from the most to the least authoritative: on the same host and path the first one added wins.
  const add = (pattern: string, match: Match) => {
    const cut = pattern.indexOf('/') >>> 0; // no path: past the end
    const host = pattern.slice(0, cut).toLowerCase();
    rules.set(host, [...(rules.get(host) ?? []), { path: pattern.slice(cut), match }]);
    all.push({ pattern, match });
  };
  const fromCatalogue = new Map(trackers.map((tracker) => [tracker.id, tracker]));
  const byGoogle = (id: string) => advanced && fromCatalogue.get(id)?.consentMode === true;

  for (const host of ignored) add(host, { id: host, title: host, category: NECESSARY, requirement: NECESSARY, passes: true });
  const declared = new Set<string>();
  for (const { services } of settings.categories) {
    for (const { name, title, category, hosts } of services) {
      declared.add(name);
      const match = { id: name, title, category, requirement: name, passes: category === NECESSARY || byGoogle(name) };
      for (const host of hosts) add(host, match);
    }
  }
  for (const { id, name, category, hosts } of trackers) {
    // A service the config declares brings its hosts and category from there (above).
    if (declared.has(id)) continue;
    const match = { id, title: name, category, requirement: category, passes: byGoogle(id) };
    for (const host of hosts) add(host, match);
  }
  // The longest path first; sort is stable, so authority decides between equals.
  for (const list of rules.values()) list.sort((a, b) => b.path.length - a.path.length);

  return {
    match(url) {
      // The host itself, then each parent domain: the longest host that has a rule wins.
      for (let host = url.hostname.toLowerCase(); host; host = host.slice(host.indexOf('.') + 1 || host.length)) {
        const rule = rules.get(host)?.find((candidate) => onPath(url.pathname, candidate.path));
        if (rule) return rule.match;
      }
      return null;
    },
    patterns: () => all,
  };
}

// "/tr" covers "/tr" and "/tr/…" but not "/trending"; "/pagead/" covers what is below it.
function onPath(pathname: string, prefix: string): boolean {
  return !prefix || pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
}
