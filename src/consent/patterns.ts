import type { Category, NamePattern, Service, Settings } from '../config/types';

/** Whether a cookie or storage key name matches: exactly, by a `prefix*`, or by a regular expression. */
export function matches(pattern: NamePattern, name: string): boolean {
  if (pattern instanceof RegExp) {
    pattern.lastIndex = 0; // a /g pattern keeps state between calls
    return pattern.test(name);
  }
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/** The category or service of a name, with the cookie and storage patterns it owns. */
export function holderOf(settings: Settings, name: string): Category | Service | undefined {
  for (const category of settings.categories) {
    if (category.name === name) return category;
    const service = category.services.find((s) => s.name === name);
    if (service) return service;
  }
  return undefined;
}

/**
 * The names among `present` that belong to what was withdrawn and to nothing
 * still allowed: a cookie two categories declare stays while either allows it.
 */
export function toRemove(
  settings: Settings,
  present: string[],
  withdrawn: string[],
  isAllowed: (name: string) => boolean,
  patternsOf: (holder: Category | Service) => NamePattern[],
): string[] {
  const owners = (name: string) =>
    settings.categories
      .flatMap((category) => [category, ...category.services])
      .filter((holder) => patternsOf(holder).some((pattern) => matches(pattern, name)));
  return present.filter((name) => {
    const holders = owners(name);
    return holders.some((h) => withdrawn.includes(h.name)) && !holders.some((h) => isAllowed(h.name));
  });
}
