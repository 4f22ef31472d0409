import { readFileSync } from 'node:fs';
import * as v from 'valibot';
import { ReceiverError } from './db/database.js';
import type { ConsentRecord } from './record.js';

/** What the receiver knows of the site from its holdback config (consent-config.json). */
export interface Site {
  revision: number;
  /** Every category, necessary first. */
  categories: string[];
  services: Set<string>;
  /** How long a choice that allows something lasts, and one that refuses everything optional. */
  consentDays: number;
  refusalDays: number;
  /** The consent cookie's name and domain (`cookie.name`, `cookie.domain`), for --refresh-cookie. */
  cookieName?: string;
  cookieDomain?: string;
}

const DEFAULT_CATEGORIES = ['preferences', 'statistics', 'marketing'];

/** Without a config, retention assumes the longest a holdback choice can last. */
export const UNKNOWN_SITE: Site = { revision: 0, categories: [], services: new Set(), consentDays: 395, refusalDays: 395 };

const ConfigSchema = v.looseObject({
  revision: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  categories: v.optional(v.record(v.string(), v.looseObject({ services: v.optional(v.record(v.string(), v.unknown())) }))),
  cookie: v.optional(
    v.looseObject({
      name: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be letters, digits, ".", "-" or "_"'))),
      domain: v.optional(v.pipe(v.string(), v.regex(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'must be a domain such as "example.com"'))),
      expiresAfterDays: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(395))),
      refusalExpiresAfterDays: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(395))),
    }),
  ),
});

export function readSite(path: string): Site {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ReceiverError(`cannot read the config file ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReceiverError(`the config file ${path} is not JSON: ${(error as Error).message}`);
  }
  const result = v.safeParse(ConfigSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    throw new ReceiverError(
      `the config file ${path} is not a holdback config: ${issue.path?.map((p) => String(p.key)).join('.') ?? ''} ${issue.message}`,
    );
  }
  const config = result.output;
  const categories: Record<string, { services?: Record<string, unknown> }> =
    config.categories ?? Object.fromEntries(DEFAULT_CATEGORIES.map((name) => [name, {}]));
  return {
    revision: config.revision ?? 1,
    categories: ['necessary', ...Object.keys(categories).filter((name) => name !== 'necessary')],
    services: new Set(Object.values(categories).flatMap((category) => Object.keys(category.services ?? {}))),
    consentDays: config.cookie?.expiresAfterDays ?? 365,
    refusalDays: config.cookie?.refusalExpiresAfterDays ?? 182,
    cookieName: config.cookie?.name ?? 'holdback',
    cookieDomain: config.cookie?.domain,
  };
}

/**
 * A record checked against the site's categories. One made under the current
 * revision names exactly its categories; an older revision may have had others.
 */
export function checkAgainstSite(record: ConsentRecord, site: Site): string | null {
  if (site === UNKNOWN_SITE) return null;
  if (record.revision > site.revision) return `revision ${record.revision} is newer than the config's ${site.revision}`;
  const services = Object.keys(record.services).filter((service) => !site.services.has(service));
  if (record.revision === site.revision) {
    const names = Object.keys(record.categories);
    const unknown = names.filter((name) => !site.categories.includes(name));
    if (unknown.length) return `categories not in the config: ${unknown.join(', ')}`;
    const missing = site.categories.filter((name) => !names.includes(name));
    if (missing.length) return `categories missing from the record: ${missing.join(', ')}`;
    if (services.length) return `services not in the config: ${services.join(', ')}`;
  }
  return null;
}
