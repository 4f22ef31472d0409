// Names what a page talks to and stores: hosts by the tracker catalogue (the
// same data and matcher as auto-blocking), cookies and storage keys by the
// site's config, then the catalogue, then the Open Cookie Database.
import { getDomain } from 'tldts';
import { createTrackerIndex, type TrackerIndex } from '../src/autoblock/hosts';
import { withCatalogue } from '../src/catalogue/apply';
import ocdTable from '../src/catalogue/ocd-cookies.json';
import type { Tracker } from '../src/catalogue/runtime';
import type { CatalogueFile, CatalogueService } from '../src/catalogue/schema';
import catalogueFile from '../src/catalogue/services.json';
import { resolveSettings } from '../src/config/settings';
import { shownSettings } from '../src/texts/shown';
import type { Config, CookieDeclaration, NamePattern, Settings } from '../src/config/types';
import { matches } from '../src/consent/patterns';
import { NECESSARY } from '../src/markup';
import type { Naming } from './types';

const catalogue = catalogueFile as unknown as CatalogueFile;
type OcdRow = [name: string, category: string, platform: string, purpose: string, duration: string];
const ocdRows = (ocdTable as unknown as { cookies: OcdRow[] }).cookies;

export interface Classifier {
  settings: Settings;
  /** The service a request URL belongs to, or null for hosts nobody names. */
  host(url: string): Naming | null;
  /**
   * What a cookie is. On a tracker's own domain it is that tracker's; on the
   * site's domain a vendor's name counts only when it is distinctive (`_ga`,
   * `_pk_id.*`, `li_fat_id`), never a plain word like `token` or `locale`.
   */
  cookie(name: string, domain?: string): Naming | null;
  /** What a localStorage, sessionStorage or IndexedDB key is: the config's, else a distinctive catalogue name. */
  storage(key: string): Naming | null;
  /** Whether something with this naming needs consent (Consent Mode's advanced mode lets Google tags pass). */
  optional(naming: Naming | null): boolean;
  /** The catalogue entry behind a naming, for the suggested config. */
  service(id: string): CatalogueService | undefined;
  /** The cookie names and prefixes the config itself declares (not those a catalogue id brings), with who declares them. */
  declaredCookies: { pattern: string; holder: string; category: string }[];
}

/** Whether a URL belongs to another site than the page (by registrable domain, so www.shop.example and cdn.shop.example are one site). */
export function thirdParty(url: string, page: string): boolean {
  const host = hostOf(url);
  const pageHost = hostOf(page);
  if (!host || !pageHost) return false;
  return (getDomain(host, { allowPrivateDomains: true }) ?? host) !== (getDomain(pageHost, { allowPrivateDomains: true }) ?? pageHost);
}

/**
 * Whether a vendor's cookie or key name is telling enough to name a cookie on
 * the site's own domain: it carries a separator or a digit (`_ga`, `li_fat_id`,
 * `_pk_id.*`, `AMCV_*`), and a prefix pattern keeps at least four characters.
 * Plain words (`token`, `locale`, `sessionid`, `uid`) are left unnamed.
 */
export function distinctive(pattern: string): boolean {
  const fixed = pattern.endsWith('*') ? pattern.slice(0, -1) : pattern;
  if (pattern.endsWith('*') && fixed.length < 4) return false;
  return /[_.\-\d]/.test(fixed) && fixed.replace(/[_.\-]/g, '').length >= 2;
}

export function hostOf(url: string): string | null {
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname : null;
  } catch {
    return null;
  }
}

export function createClassifier(config: Config = {}): Classifier {
  const services = catalogue.services;
  const byId = new Map(services.map((s) => [s.id, s]));
  const trackers: Tracker[] = services.map((s) => ({ ...s, storage: s.storage.map((k) => k.name) }));
  // As the preference center words them, so that the report names categories as the visitor reads them.
  const settings = shownSettings(withCatalogue(resolveSettings(config, { documentLanguage: 'en', browserLanguages: ['en'] }), config, trackers));
  const index: TrackerIndex = createTrackerIndex(settings, trackers, settings.autoBlock.ignore);
  // Never held back: marked necessary, ignored, or Google tags under Consent Mode's advanced mode.
  const passing = new Set(index.patterns().filter(({ match }) => match.passes).map(({ match }) => match.id));
  const declaredServices = new Set(settings.categories.flatMap((c) => c.services.map((s) => s.name)));

  const host = (url: string): Naming | null => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    const match = index.match(parsed);
    if (!match) return null;
    const known = byId.get(match.id);
    return {
      id: match.id,
      name: match.title,
      category: match.category,
      provider: known?.provider ?? null,
      source: declaredServices.has(match.id) || !known ? 'config' : 'catalogue',
      purpose: null,
      duration: null,
    };
  };

  // Config first: a site's own declaration of a cookie decides its category.
  const declared = (name: string, of: 'cookies' | 'storage'): Naming | null => {
    for (const category of settings.categories) {
      for (const holder of [...category.services, category]) {
        const patterns: (NamePattern | CookieDeclaration)[] = holder[of];
        for (const entry of patterns) {
          const pattern = typeof entry === 'object' && !(entry instanceof RegExp) ? entry.name : entry;
          if (!matches(pattern, name)) continue;
          const detail = typeof entry === 'object' && !(entry instanceof RegExp) ? entry : null;
          return {
            id: holder.name,
            name: holder.title,
            category: category.name,
            provider: detail?.provider ?? ('provider' in holder ? (holder.provider ?? null) : null),
            source: 'config',
            purpose: detail?.purpose ?? null,
            duration: detail?.duration ?? null,
          };
        }
      }
    }
    return null;
  };

  const fromCatalogue = (name: string, of: 'cookies' | 'storage', only?: string): Naming | null => {
    for (const service of services) {
      if (only && service.id !== only) continue;
      const entry = (service[of] as { name: string; purpose: string; duration?: string }[]).find((e) => (only || distinctive(e.name)) && matches(e.name, name));
      if (entry)
        return {
          id: service.id,
          name: service.name,
          category: service.category,
          provider: service.provider,
          source: 'catalogue',
          purpose: entry.purpose,
          duration: entry.duration ?? null,
        };
    }
    return null;
  };

  const fromOcd = (name: string, any = false): Naming | null => {
    // An exact name beats a prefix; among prefixes the longest wins.
    let best: OcdRow | undefined;
    for (const row of ocdRows) {
      if (!(any || distinctive(row[0])) || !matches(row[0], name)) continue;
      if (!row[0].endsWith('*')) {
        best = row;
        break;
      }
      if (!best || row[0].length > best[0].length) best = row;
    }
    if (!best) return null;
    return {
      id: best[2].toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || best[0],
      name: best[2],
      category: best[1],
      provider: best[2],
      source: 'open-cookie-database',
      purpose: best[3] || null,
      duration: best[4] === 'unknown' ? null : best[4],
    };
  };

  const own = (name: string): Naming | null =>
    name === settings.cookie.name
      ? { id: 'holdback', name: 'holdback', category: NECESSARY, provider: null, source: 'holdback', purpose: 'Stores the visitor’s consent choice', duration: `${settings.cookie.expiresAfterDays} days` }
      : null;

  // Cookies belong to domains, not paths: the service on the cookie's domain
  // (www.facebook.com/tr makes .facebook.com Meta's), the host itself first,
  // then the nearest one below or above it; the config's services before the catalogue's.
  const domainHosts: { host: string; id: string }[] = [];
  for (const category of settings.categories) for (const service of category.services) for (const h of service.hosts) domainHosts.push({ host: h.split('/')[0] ?? h, id: service.name });
  for (const service of services) for (const h of service.hosts) domainHosts.push({ host: h.split('/')[0] ?? h, id: service.id });
  // Several services may share a domain (Meta's pixel and plugins on facebook.com): the one that lists the cookie wins.
  const ownerOf = (domain: string, name: string): Naming | null => {
    const related = domainHosts.filter(({ host: h }) => h === domain || h.endsWith(`.${domain}`) || domain.endsWith(`.${h}`));
    const lists = (id: string) => Number(!!byId.get(id)?.cookies.some((c) => matches(c.name, name)));
    related.sort((a, b) => lists(b.id) - lists(a.id) || Number(b.host === domain) - Number(a.host === domain) || a.host.length - b.host.length);
    const found = related[0];
    return found ? host(`https://${found.host}/`) ?? namingOf(found.id) : null;
  };
  const namingOf = (id: string): Naming | null => {
    const known = byId.get(id);
    return known ? { id, name: known.name, category: known.category, provider: known.provider, source: 'catalogue', purpose: null, duration: null } : null;
  };

  // A cookie on a tracker's own domain (fr on .facebook.com) is that tracker's, whatever its name;
  // its purpose comes from the catalogue or the Open Cookie Database when they know the name.
  const onTrackerDomain = (name: string, domain: string): Naming | null => {
    const owner = ownerOf(domain.replace(/^\./, '').toLowerCase(), name);
    if (!owner) return null;
    const known = fromCatalogue(name, 'cookies', owner.id) ?? fromOcd(name, true);
    return { ...owner, purpose: known?.purpose ?? null, duration: known?.duration ?? null };
  };

  return {
    settings,
    host,
    cookie: (name, domain) =>
      own(name) ?? declared(name, 'cookies') ?? (domain ? onTrackerDomain(name, domain) : null) ?? fromCatalogue(name, 'cookies') ?? fromOcd(name),
    storage: (key) => declared(key, 'storage') ?? fromCatalogue(key, 'storage'),
    optional: (naming) => !!naming && naming.category !== NECESSARY && !passing.has(naming.id),
    service: (id) => byId.get(id),
    declaredCookies: ownCookies(config),
  };
}

// Regular expressions are left out: "declared but never seen" needs a name to report.
function ownCookies(config: Config): { pattern: string; holder: string; category: string }[] {
  const found: { pattern: string; holder: string; category: string }[] = [];
  const names = (list: unknown[] | undefined) =>
    (list ?? []).map((entry) => (typeof entry === 'string' ? entry : typeof entry === 'object' && entry && 'name' in entry && typeof entry.name === 'string' ? entry.name : null)).filter((n): n is string => !!n);
  for (const [category, holder] of Object.entries(config.categories ?? {})) {
    for (const pattern of names(holder.cookies)) found.push({ pattern, holder: category, category });
    for (const [service, declared] of Object.entries(holder.services ?? {})) for (const pattern of names(declared.cookies)) found.push({ pattern, holder: service, category });
  }
  return found;
}
