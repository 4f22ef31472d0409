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
  for (const word of words(value)) {
    if (word.startsWith('!')) {
      if (word.length > 1) none.push(word.slice(1));
    } else if (word) {
      all.push(word);
    }
  }
  return all.length + none.length > 0 ? { all, none } : null;
}

// Split as HTML splits a token list, on ASCII whitespace (and control
// characters, which no name holds). No regular expression: this runs for every
// marked element, and V8 compiles a regular expression run more than once to
// machine code that a returning visitor's page then keeps.
function words(value: string): string[] {
  const found: string[] = [];
  let start = 0;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && value.charCodeAt(i) > 32) continue;
    if (i > start) found.push(value.slice(start, i));
    start = i + 1;
  }
  return found;
}

export function names(requirement: Requirement): string[] {
  return [...requirement.all, ...requirement.none];
}

export function isMet(requirement: Requirement, isAllowed: (name: string) => boolean): boolean {
  // Indexed loops, not every() and some(): a page may replace those after holdback started.
  const { all, none } = requirement;
  for (let i = 0; i < all.length; i++) if (isAllowed(all[i]!) !== true) return false;
  for (let i = 0; i < none.length; i++) if (isAllowed(none[i]!) !== false) return false;
  return true;
}
