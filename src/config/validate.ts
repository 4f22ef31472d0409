import { textKeys } from '../texts/keys';
import { type Check, flag, keysOf, list, matching, record, shape, shown, text, whole } from './checks';

// The schema is built for each validation and dropped after it (validation runs
// once a page): kept at the top of this module, its few dozen checks, patterns
// and words would be heap that every page holds for as long as it is open.
function configSchema(): Check {
  // Category and service names travel in markup (`data-category="a !b"`) and in
  // the cookie, so they are kept to characters that need no escaping anywhere.
  const NAME = /^[A-Za-z0-9_-]{1,40}$/;
  const nameCharacters = matching(NAME, 'letters, digits, "-" or "_" (at most 40)');
  // Nor may a name be one that every JavaScript object already has ("constructor", "__proto__"):
  // the choices are kept in objects, where such a name would read what it did not store.
  const name: Check = (value, path, problems) =>
    typeof value === 'string' && value in Object.prototype
      ? problems.push(`${path} is a name every JavaScript object already has; choose another`)
      : nameCharacters(value, path, problems);

  // Exact names, prefixes ending in `*` (`_ga_*`), or regular expressions.
  const nameOrPrefix = matching(/^[^\s;,=*]+\*?$/, 'a name, a prefix ending in "*", or a regular expression');
  const namePattern: Check = (value, path, problems) => {
    if (!(value instanceof RegExp)) nameOrPrefix(value, path, problems);
  };
  const declaration = shape({ name: namePattern, purpose: text, duration: text, provider: text });
  const cookie: Check = (value, path, problems) =>
    (typeof value === 'object' && value !== null && !(value instanceof RegExp) ? declaration : namePattern)(value, path, problems);
  const holder = { title: text, description: text, cookies: list(cookie), storage: list(namePattern) };

  // A host, optionally narrowed by a path: "connect.facebook.net", "www.facebook.com/tr".
  const HOST_PATTERN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(\/[^\s?#]*)?$/;
  const hostPattern = matching(HOST_PATTERN, 'a host such as "connect.facebook.net", optionally with a path such as "www.facebook.com/tr"');
  const service = shape({ ...holder, hosts: list(hostPattern) });
  const category = shape({ ...holder, services: record(name, service) });

  // The one link the config gives the UI: http:, https:, mailto: or relative,
  // never javascript: or data:. The URL parser reads it as the browser will
  // (tabs and newlines inside dropped, spaces in front ignored).
  const link: Check = (value, path, problems) => {
    let scheme = '';
    try {
      scheme = typeof value === 'string' ? new URL(value, 'https://relative.invalid/').protocol : '';
    } catch {}
    if (!/^(https?|mailto):$/.test(scheme)) {
      problems.push(`${path} must be an http:, https: or mailto: address, or a relative one, not ${shown(value)}`);
    }
  };

  const regime = matching(/^opt-(in|out)$/, '"opt-in" or "opt-out"');
  const consentType = matching(
    /^(ad_storage|ad_user_data|ad_personalization|analytics_storage|functionality_storage|personalization_storage|security_storage)$/,
    'a Consent Mode type such as "analytics_storage"',
  );
  const consentMode = shape({
    mode: matching(/^(basic|advanced)$/, '"basic" or "advanced"'),
    waitForUpdate: whole(0, 10_000),
    types: record(name, list(consentType)),
    adsDataRedaction: flag,
    urlPassthrough: flag,
    developerId: matching(/^\w{1,20}$/, 'the ID Google issued, such as "dZGIzZG"'),
    event: matching(/^[\w.-]{1,60}$/, 'an event name such as "cookie_consent_update"'),
  });

  return shape({
    revision: whole(0, 1_000_000),
    language: matching(/^(auto|[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*)$/, '"auto" or a language code such as "en" or "pt-BR"'),
    privacyPolicyUrl: link,
    categories: record(name, category),
    texts: record(matching(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language code'), keysOf(textKeys(), text)),
    cookie: shape({
      name: matching(/^[A-Za-z0-9_.-]{1,64}$/, 'a cookie name of letters, digits, ".", "-" or "_"'),
      domain: matching(/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/, 'a domain such as "example.com"'),
      // 13 months: the longest regulators accept for a consent choice.
      expiresAfterDays: whole(1, 395),
      refusalExpiresAfterDays: whole(1, 395),
    }),
    reloadOnWithdraw: flag,
    recordEndpoint: text,
    region: matching(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, 'a country or subdivision code such as "DE" or "US-CA"'),
    regimes: record(matching(/^[A-Za-z]{2}(-[A-Za-z0-9]{1,3})?$/, 'a country or subdivision code'), regime),
    gpc: flag,
    optOutLinks: matching(/^(choices|two-links)$/, '"choices" or "two-links"'),
    theme: matching(/^(auto|light|dark)$/, '"auto", "light" or "dark"'),
    layout: matching(/^(bar|box|modal)$/, '"bar", "box" or "modal"'),
    floatingButton: flag,
    autoBlock: (value, path, problems) =>
      typeof value === 'boolean' || value === 'report' || value === 'strict'
        ? undefined
        : problems.push(`${path} must be true, false, "report" or "strict", not ${shown(value)}`),
    autoBlockIgnore: list(hostPattern),
    googleConsentMode: (value, path, problems) => (typeof value === 'boolean' ? undefined : consentMode(value, path, problems)),
  });
}

/** Every problem with a config, in words a site owner can act on. Empty when it is fine. */
export function validateConfig(config: unknown): string[] {
  const problems: string[] = [];
  if (config === undefined || config === null) return problems;
  configSchema()(config, '', problems);
  if (problems.length > 0) return problems;
  checkServiceNames(config as { categories?: Record<string, { services?: Record<string, unknown> }> }, problems);
  return problems;
}

// A service name must mean one thing: it cannot also be a category, nor sit in two categories.
function checkServiceNames(config: { categories?: Record<string, { services?: Record<string, unknown> }> }, problems: string[]): void {
  const categories = config.categories ?? {};
  const owner = new Map<string, string>();
  // `Consent.set({ services: … })` reads this key as the per-service choices.
  if ('services' in categories) problems.push('categories.services: "services" cannot be a category name');
  for (const [categoryName, category] of Object.entries(categories)) {
    for (const serviceName of Object.keys(category.services ?? {})) {
      if (serviceName in categories || serviceName === 'necessary') {
        problems.push(`the service "${serviceName}" in categories.${categoryName} has the name of a category`);
      } else if (owner.has(serviceName)) {
        problems.push(`the service "${serviceName}" is in both categories.${owner.get(serviceName)} and categories.${categoryName}`);
      }
      owner.set(serviceName, categoryName);
    }
  }
}
