import type { CookieDeclaration } from '../config/types';

/**
 * A catalogue service as the drop-in carries it: what auto-blocking needs to
 * recognise its requests, and what the preference center shows of it. The
 * sources and review notes stay in services.json, for people and the scanner.
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
  privacyPolicy?: string;
}

interface FileService {
  id: string;
  name: string;
  provider: string;
  category: string;
  hosts: string[];
  loader?: boolean;
  consentMode?: boolean;
  cookies: { name: string; purpose?: string; duration?: string }[];
  storage: { name: string }[];
  privacyPolicy: string | null;
}

/** The runtime form of services.json: the same facts, less the provenance. */
export function toRuntime(file: { services: FileService[] }): Tracker[] {
  return file.services.map((service) => {
    const tracker: Tracker = {
      id: service.id,
      name: service.name,
      provider: service.provider,
      category: service.category,
      hosts: service.hosts,
      cookies: service.cookies.map(({ name, purpose, duration }) => ({
        name,
        ...(purpose ? { purpose } : {}),
        ...(duration ? { duration } : {}),
      })),
      storage: service.storage.map(({ name }) => name),
    };
    if (service.loader) tracker.loader = true;
    if (service.consentMode) tracker.consentMode = true;
    if (service.privacyPolicy) tracker.privacyPolicy = service.privacyPolicy;
    return tracker;
  });
}
