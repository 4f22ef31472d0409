import type { Config } from './types';

const NUMERIC = new Set(['revision', 'expiresAfterDays']);

function value(key: string, raw: string): string | number {
  // A number that does not parse stays a string, so validation names it.
  return NUMERIC.has(key) && /^\d+$/.test(raw) ? Number(raw) : raw;
}

// `data-auto-block` alone means on; "report", "strict", "true" and "false" say which way.
function autoBlock(raw: string): unknown {
  const value = raw.trim().toLowerCase();
  if (value === '' || value === 'true') return true;
  if (value === 'false') return false;
  return value === 'report' || value === 'strict' ? value : raw;
}

/** Merges the script tag's attributes over the config; the tag is the more specific source. */
export function withAttributes(config: Config, script: Element | null): Config {
  if (!script) return config;
  // The data-* attributes of holdback's own script tag, which a site's server or
  // CDN can fill in per request (region, language) without touching the config.
  // Other data-* attributes are left alone: tools such as CDNs add their own.
  // Listed here, read once a page, rather than kept at the top of the module.
  const TOP_LEVEL: Record<string, keyof Config> = {
    'data-language': 'language',
    'data-revision': 'revision',
    'data-privacy-policy-url': 'privacyPolicyUrl',
    'data-region': 'region',
    'data-theme': 'theme',
    'data-layout': 'layout',
  };
  const COOKIE: Record<string, 'name' | 'domain' | 'expiresAfterDays'> = {
    'data-cookie-name': 'name',
    'data-cookie-domain': 'domain',
    'data-cookie-expires-after-days': 'expiresAfterDays',
  };
  const merged: Record<string, unknown> = { ...config };
  const cookie: Record<string, unknown> = { ...config.cookie };
  let cookieTouched = false;
  // By name, not through `attributes`: its NamedNodeMap and Attr interfaces,
  // built on first touch, are about 3 KB of heap that every page would keep.
  for (const name of script.getAttributeNames()) {
    const raw = script.getAttribute(name) ?? '';
    const key = Object.hasOwn(TOP_LEVEL, name) ? TOP_LEVEL[name] : undefined;
    if (key) merged[key] = value(key, raw);
    if (name === 'data-auto-block') merged.autoBlock = autoBlock(raw);
    const cookieKey = Object.hasOwn(COOKIE, name) ? COOKIE[name] : undefined;
    if (cookieKey) {
      cookie[cookieKey] = value(cookieKey, raw);
      cookieTouched = true;
    }
  }
  if (cookieTouched) merged.cookie = cookie;
  return merged as Config;
}
