// The check of a tracker catalogue file (src/catalogue/services.json, or one a
// site supplies): its shape, unique ids, and that every fact names a source
// listed at the top, so that each host, cookie and category can be traced
// back to third-party-web, the Open Cookie Database or holdback's review.
import { type Check, flag, list, matching, record, shape, shown, text } from '../config/checks';

export type CatalogueCategory = 'statistics' | 'marketing' | 'preferences';

export interface CatalogueSource {
  title: string;
  version?: string;
  licence?: string;
  url: string;
}

export interface CatalogueCookie {
  /** An exact name, or a prefix ending in "*" ("_ga_*"). */
  name: string;
  purpose: string;
  /** Short free text: "2 years", "session", "persistent". */
  duration: string;
  source: string;
}

export interface CatalogueStorage {
  /** A localStorage or sessionStorage key. */
  name: string;
  purpose: string;
  source: string;
}

/** The facts of a service that need a source. */
export type CatalogueFact = 'name' | 'provider' | 'category' | 'hosts' | 'privacyPolicy';

export interface CatalogueService {
  id: string;
  name: string;
  provider: string;
  category: CatalogueCategory;
  /**
   * Lower-case host names, each optionally followed by a path prefix
   * ("www.facebook.com/tr"). A host matches itself and its subdomains.
   */
  hosts: string[];
  /** A tag manager: what it injects is judged by its own hosts. */
  loader?: true;
  /** A Google tag governed by Google Consent Mode. */
  consentMode?: true;
  cookies: CatalogueCookie[];
  storage: CatalogueStorage[];
  privacyPolicy: string | null;
  sources: Partial<Record<CatalogueFact, string[]>>;
}

export interface CatalogueFile {
  version: 1;
  sources: Record<string, CatalogueSource>;
  services: CatalogueService[];
}

const ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
// A lower-case host, then optionally a path prefix: no scheme, port, "*" or query.
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s?#*]*)?$/;
const COOKIE_NAME = /^[^\s;,=*]+\*?$/;

const filled = matching(/\S/, 'a text that is not empty');
const sourceId = matching(ID, 'a source id such as "open-cookie-database"');
const sourceIds = list(sourceId);

const exactly =
  (wanted: unknown, what: string): Check =>
  (value, path, problems) => {
    if (value !== wanted) problems.push(`${path} must be ${what}, not ${shown(value)}`);
  };

const nullOr =
  (check: Check): Check =>
  (value, path, problems) => {
    if (value !== null) check(value, path, problems);
  };

const yes: Check = (value, path, problems) => {
  flag(value, path, problems);
  if (value === false) problems.push(`${path} must be left out rather than false`);
};

const source = shape({ title: filled, version: text, licence: text, url: filled });

const cookie = shape({
  name: matching(COOKIE_NAME, 'a cookie name, or a prefix ending in "*"'),
  purpose: filled,
  duration: filled,
  source: sourceId,
});
const storage = shape({ name: filled, purpose: filled, source: sourceId });

const service = shape({
  id: matching(ID, 'lower-case letters, digits and "-" (at most 40), starting with a letter or digit'),
  name: filled,
  provider: filled,
  category: matching(/^(statistics|marketing|preferences)$/, '"statistics", "marketing" or "preferences"'),
  hosts: list(matching(HOST, 'a lower-case host such as "connect.facebook.net", optionally with a path such as "/tr"')),
  loader: yes,
  consentMode: yes,
  cookies: list(cookie),
  storage: list(storage),
  privacyPolicy: nullOr(matching(/^https:\/\/\S+$/, 'an https URL or null')),
  sources: shape({ name: sourceIds, provider: sourceIds, category: sourceIds, hosts: sourceIds, privacyPolicy: sourceIds }),
});

const catalogueShape = shape({
  version: exactly(1, '1'),
  sources: record(sourceId, source),
  services: list(service),
});

const REQUIRED = ['id', 'name', 'provider', 'category', 'hosts', 'cookies', 'storage', 'privacyPolicy', 'sources'];
const REQUIRED_OF = { cookies: ['name', 'purpose', 'duration', 'source'], storage: ['name', 'purpose', 'source'] };
const FACTS: CatalogueFact[] = ['name', 'provider', 'category', 'hosts'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The problems of a catalogue file, each naming where it is; empty when the file is fine. */
export function catalogueProblems(data: unknown): string[] {
  const problems: string[] = [];
  catalogueShape(data, '', problems);
  if (!isObject(data) || !Array.isArray(data.services)) {
    if (isObject(data) && data.services === undefined) problems.push('services is missing');
    return problems;
  }
  if (data.version === undefined) problems.push('version is missing');
  const known = new Set(isObject(data.sources) ? Object.keys(data.sources) : []);
  const seen = new Set<string>();

  for (const [index, entry] of data.services.entries()) {
    if (!isObject(entry)) continue;
    const at = typeof entry.id === 'string' ? `services[${index}] (${entry.id})` : `services[${index}]`;
    for (const key of REQUIRED) if (entry[key] === undefined) problems.push(`${at}.${key} is missing`);
    if (typeof entry.id === 'string') {
      if (seen.has(entry.id)) problems.push(`${at}: the id ${entry.id} is used twice`);
      seen.add(entry.id);
    }
    if (Array.isArray(entry.hosts) && entry.hosts.length === 0) problems.push(`${at}.hosts must list at least one host`);

    const sources = isObject(entry.sources) ? entry.sources : {};
    const facts = [...FACTS, ...(entry.privacyPolicy == null ? [] : (['privacyPolicy'] as const))];
    for (const fact of facts) {
      const ids = sources[fact];
      if (!Array.isArray(ids) || ids.length === 0) problems.push(`${at}.sources.${fact} must name at least one source`);
    }
    const referenced: [string, unknown][] = Object.entries(sources).flatMap(([fact, ids]) =>
      Array.isArray(ids) ? ids.map((id, i): [string, unknown] => [`${at}.sources.${fact}[${i}]`, id]) : [],
    );
    for (const kind of ['cookies', 'storage'] as const) {
      const entries = entry[kind];
      if (!Array.isArray(entries)) continue;
      for (const [i, item] of entries.entries()) {
        if (!isObject(item)) continue;
        for (const key of REQUIRED_OF[kind]) if (item[key] === undefined) problems.push(`${at}.${kind}[${i}].${key} is missing`);
        if (item.source !== undefined) referenced.push([`${at}.${kind}[${i}].source`, item.source]);
      }
    }
    for (const [path, id] of referenced) {
      if (typeof id === 'string' && !known.has(id)) problems.push(`${path} names the source ${id}, which "sources" does not list`);
    }
  }
  return problems;
}
