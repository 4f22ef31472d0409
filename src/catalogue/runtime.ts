import type { CookieDeclaration } from '../config/types';
import type { CatalogueFile } from './schema';

/**
 * A catalogue service as the drop-in carries it: what auto-blocking needs to
 * recognise its requests, and what the preference center shows of it. The
 * sources, review notes, privacy-policy URLs and cookie purposes stay in services.json, for people
 * and the scanner: purposes alone would double the bytes of the drop-in.
 */
export interface Tracker {
  id: string;
  name: string;
  provider: string;
  category: string;
  /** `host` or `host/path-prefix`; a host covers its subdomains. */
  hosts: string[];
  /** A tag manager: what it injects is judged by its own hosts. */
  loader?: true;
  /** A Google tag that Consent Mode governs: advanced mode lets it load. */
  consentMode?: true;
  cookies: CookieDeclaration[];
  storage: string[];
}

/**
 * One service as a row of strings, which compresses far better than objects:
 * id, name, provider, category, hosts, cookie names and durations in turn,
 * storage keys, flags (1 loader, 2 Consent Mode).
 */
export type PackedTracker = [string, string, string, string, string[], string[], string[], number];

/** Made at build time from services.json (see vite.config.ts). */
export function packCatalogue(file: Pick<CatalogueFile, 'services'>): PackedTracker[] {
  return file.services.map((service) => [
    service.id,
    service.name,
    service.provider,
    service.category,
    service.hosts,
    service.cookies.flatMap((cookie) => [cookie.name, cookie.duration]),
    service.storage.map((key) => key.name),
    (service.loader ? 1 : 0) | (service.consentMode ? 2 : 0),
  ]);
}

export function unpackCatalogue(rows: readonly PackedTracker[]): Tracker[] {
  return rows.map(([id, name, provider, category, hosts, cookies, storage, flags]) => {
    const tracker: Tracker = { id, name, provider, category, hosts, cookies: [], storage };
    for (let i = 0; i < cookies.length; i += 2) tracker.cookies.push({ name: cookies[i]!, duration: cookies[i + 1]! });
    if (flags & 1) tracker.loader = true;
    if (flags & 2) tracker.consentMode = true;
    return tracker;
  });
}
