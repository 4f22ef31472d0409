// What the site carries, whatever the findings: each tracker and cookie named
// and categorised, what nobody names, and the holdback config that would
// declare it all (services, the cookie table, the allowlist for strict mode).
import type { Classifier } from './classify';
import { hostOf, thirdParty } from './classify';
import type { Naming, PageResult, Phase } from './types';

export interface TrackerEntry {
  service: Naming;
  hosts: string[];
  phases: Phase[];
  pages: string[];
}

export interface CookieEntry {
  name: string;
  domains: string[];
  naming: Naming | null;
  httpOnly: boolean;
  partitioned: boolean;
  /** The longest expiry seen, in days; null for session cookies. */
  days: number | null;
  phases: Phase[];
}

export interface Inventory {
  trackers: TrackerEntry[];
  cookies: CookieEntry[];
  storage: { kind: string; key: string; origins: string[]; naming: Naming | null }[];
  unknownHosts: { host: string; pages: string[]; phases: Phase[] }[];
  /** Third-party hosts no catalogue names: what strict mode would have to allow (autoBlockIgnore). */
  allowlist: string[];
  suggestedConfig: Record<string, unknown>;
}

const push = <T>(list: T[], value: T) => {
  if (!list.includes(value)) list.push(value);
};

export function inventory(pages: readonly PageResult[], classify: Classifier): Inventory {
  const trackers = new Map<string, TrackerEntry>();
  const cookies = new Map<string, CookieEntry>();
  const storage = new Map<string, Inventory['storage'][number]>();
  const unknown = new Map<string, Inventory['unknownHosts'][number]>();
  const now = Date.now() / 1000;

  for (const page of pages) {
    for (const evidence of page.phases) {
      for (const request of evidence.requests) {
        const host = hostOf(request.url);
        if (!host) continue;
        const naming = classify.host(request.url);
        if (naming) {
          const entry = trackers.get(naming.id) ?? { service: naming, hosts: [], phases: [], pages: [] };
          push(entry.hosts, host);
          push(entry.phases, evidence.phase);
          push(entry.pages, page.url);
          trackers.set(naming.id, entry);
        } else if (thirdParty(request.url, page.url)) {
          const entry = unknown.get(host) ?? { host, pages: [], phases: [] };
          push(entry.pages, page.url);
          push(entry.phases, evidence.phase);
          unknown.set(host, entry);
        }
      }
      for (const cookie of evidence.cookies) {
        const entry = cookies.get(cookie.name) ?? {
          name: cookie.name,
          domains: [],
          naming: classify.cookie(cookie.name, cookie.domain),
          httpOnly: false,
          partitioned: false,
          days: null,
          phases: [],
        };
        push(entry.domains, cookie.domain);
        entry.httpOnly ||= cookie.httpOnly;
        entry.partitioned ||= cookie.partitioned;
        if (cookie.expires > 0) entry.days = Math.max(entry.days ?? 0, Math.round((cookie.expires - now) / 86400));
        push(entry.phases, evidence.phase);
        cookies.set(cookie.name, entry);
      }
      for (const item of evidence.storage) {
        const key = `${item.kind} ${item.key}`;
        const entry = storage.get(key) ?? { kind: item.kind, key: item.key, origins: [], naming: classify.storage(item.key) };
        push(entry.origins, item.origin);
        storage.set(key, entry);
      }
    }
  }
  const byName = <T>(list: T[], name: (item: T) => string) => list.sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
  const trackerList = byName([...trackers.values()], (t) => t.service.id);
  const cookieList = byName([...cookies.values()], (c) => c.name);
  const unknownList = byName([...unknown.values()], (u) => u.host);
  // Only what the site needs before consent: hosts seen only after "Accept all" are more likely unknown trackers.
  const BEFORE: Phase[] = ['before-choice', 'after-reject', 'after-reject-next'];
  const allowlist = unknownList.filter((u) => u.phases.some((p) => BEFORE.includes(p))).map((u) => u.host);
  return {
    trackers: trackerList,
    cookies: cookieList,
    storage: byName([...storage.values()], (s) => `${s.kind} ${s.key}`),
    unknownHosts: unknownList,
    allowlist,
    suggestedConfig: suggestConfig(trackerList, cookieList, allowlist),
  };
}

/**
 * A holdback config for what was seen: catalogue services declared by id
 * (they bring their hosts and cookie tables), the other cookies with purpose
 * and duration under their category, and unknown hosts as the strict-mode allowlist.
 */
function suggestConfig(trackers: TrackerEntry[], cookies: CookieEntry[], allowlist: string[]): Record<string, unknown> {
  const categories: Record<string, { services?: Record<string, Record<string, never>>; cookies?: Record<string, string>[] }> = {};
  const category = (name: string) => {
    categories[name] ??= {};
    return categories[name];
  };
  const bySite = new Set<string>();
  for (const tracker of trackers) {
    if (tracker.service.category === 'necessary') continue;
    const entry = category(tracker.service.category);
    entry.services ??= {};
    entry.services[tracker.service.id] = {};
    bySite.add(tracker.service.id);
  }
  for (const cookie of cookies) {
    const naming = cookie.naming;
    if (!naming || naming.source === 'holdback' || naming.category === 'necessary') continue;
    // Cookies of a service declared above come with it.
    if (naming.source === 'catalogue' && bySite.has(naming.id)) continue;
    const entry = category(naming.category);
    entry.cookies ??= [];
    const declaration: Record<string, string> = { name: cookie.name };
    if (naming.purpose) declaration.purpose = naming.purpose;
    const duration = naming.duration ?? (cookie.days === null ? 'session' : `${cookie.days} days`);
    declaration.duration = duration;
    if (naming.provider) declaration.provider = naming.provider;
    entry.cookies.push(declaration);
  }
  const config: Record<string, unknown> = { categories };
  // With autoBlock: 'strict', only these third-party hosts (and named trackers once allowed) may load.
  if (allowlist.length) config.autoBlockIgnore = allowlist;
  return config;
}
