/**
 * Which consent model applies to a visitor. `opt-in` (GDPR and ePrivacy, and
 * the default): nothing optional runs before consent. `opt-out` (US state
 * privacy laws): optional categories run until the visitor opts out.
 */
export type Regime = 'opt-in' | 'opt-out';

// US time zones. A time zone cannot tell one state from another, so the US
// opt-out model (which honours every state's opt-out rights and GPC) applies
// to all of them; every other zone, and no zone at all, gets opt-in. Matched
// without a regular expression: V8 compiles one this long straight to about
// 5 KB of machine code, kept for as long as the page lives.
export function isUsZone(zone: string): boolean {
  // Made when asked (once a page), not kept.
  const US_CITIES = 'New_York Chicago Denver Los_Angeles Phoenix Anchorage Detroit Boise Juneau Sitka Metlakatla Yakutat Nome Adak Menominee'.split(
    ' ',
  );
  const US_STATES = ['Indiana', 'Kentucky', 'North_Dakota'];
  const [area, place = '', city, ...rest] = zone.split('/');
  if (rest.length > 0 || place === '') return false;
  // America/Indiana/Indianapolis, America/Kentucky/Louisville, America/North_Dakota/Center
  if (city !== undefined) return area === 'America' && US_STATES.includes(place) && city !== '';
  return area === 'US' || (area === 'America' && US_CITIES.includes(place)) || zone === 'Pacific/Honolulu';
}

/**
 * The regime for a region code (`DE`, `US-CA`) from the site's server or CDN,
 * else for the browser's time zone. The site's own table wins, most specific
 * code first; without a match only the United States get opt-out.
 */
export function regimeFor(region: string | undefined, timeZone: string | undefined, table: Record<string, Regime> = {}): Regime {
  if (region) {
    const code = region.toUpperCase();
    const country = code.split('-')[0]!;
    return table[code] ?? table[country] ?? (country === 'US' ? 'opt-out' : 'opt-in');
  }
  return isUsZone(timeZone ?? '') ? (table.US ?? 'opt-out') : 'opt-in';
}
