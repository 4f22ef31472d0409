/**
 * What an element needs before it may run, parsed from `data-category`:
 * `"statistics marketing"` needs both; `"!marketing"` needs marketing refused.
 */
export interface Requirement {
  all: string[];
  none: string[];
}

/** Parses a `data-category` value; `null` when it names nothing. */
export function parseRequirement(value: string): Requirement | null {
  const all: string[] = [];
  const none: string[] = [];
  for (const word of value.split(/\s+/)) {
    if (word.startsWith('!')) {
      if (word.length > 1) none.push(word.slice(1));
    } else if (word) {
      all.push(word);
    }
  }
  return all.length + none.length > 0 ? { all, none } : null;
}

export function names(requirement: Requirement): string[] {
  return [...requirement.all, ...requirement.none];
}

export function isMet(requirement: Requirement, isAllowed: (name: string) => boolean): boolean {
  return requirement.all.every(isAllowed) && !requirement.none.some(isAllowed);
}
