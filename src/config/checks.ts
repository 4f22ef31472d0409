// A small schema checker: each check appends readable problems for one value.
// Problems name the path (`categories.marketing.cookies[2]`) so that a site
// owner can find the mistake without reading our code.
export type Check = (value: unknown, path: string, problems: string[]) => void;

export function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export const text: Check = (value, path, problems) => {
  if (typeof value !== 'string') problems.push(`${path} must be a string, not ${shown(value)}`);
};

export const flag: Check = (value, path, problems) => {
  if (typeof value !== 'boolean') problems.push(`${path} must be true or false, not ${shown(value)}`);
};

export function whole(min: number, max: number): Check {
  return (value, path, problems) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${path} must be a whole number from ${min} to ${max}, not ${shown(value)}`);
    }
  };
}

export function matching(pattern: RegExp, what: string): Check {
  return (value, path, problems) => {
    if (typeof value !== 'string' || !pattern.test(value)) {
      problems.push(`${path} must be ${what}, not ${shown(value)}`);
    }
  };
}

export function list(item: Check): Check {
  return (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path} must be an array, not ${shown(value)}`);
      return;
    }
    for (const [index, entry] of value.entries()) item(entry, `${path}[${index}]`, problems);
  };
}

/** An object whose keys are free names (checked by `key`) and values by `item`. */
export function record(key: Check, item: Check): Check {
  return (value, path, problems) => {
    if (!isPlainObject(value)) {
      problems.push(`${path} must be an object, not ${shown(value)}`);
      return;
    }
    for (const [name, entry] of Object.entries(value)) {
      const at = `${path}.${name}`;
      key(name, `the name ${JSON.stringify(name)} in ${path}`, problems);
      item(entry, at, problems);
    }
  };
}

/** An object with known keys; any other key is a problem (it is usually a typo). */
export function shape(fields: Record<string, Check>): Check {
  return knownKeys((name) => (Object.hasOwn(fields, name) ? fields[name] : undefined), Object.keys(fields));
}

/**
 * An object whose keys are all among `names`, each value checked by `item`
 * (the UI's texts): a shape of them, without an object of dozens of properties.
 */
export function keysOf(names: readonly string[], item: Check): Check {
  return knownKeys((name) => (names.includes(name) ? item : undefined), names);
}

function knownKeys(checkFor: (name: string) => Check | undefined, known: readonly string[]): Check {
  return (value, path, problems) => {
    if (!isPlainObject(value)) {
      problems.push(`${path || 'the config'} must be an object, not ${shown(value)}`);
      return;
    }
    for (const [name, entry] of Object.entries(value)) {
      const at = path ? `${path}.${name}` : name;
      const check = checkFor(name);
      if (!check) {
        problems.push(`${at} is not a setting holdback knows (known: ${known.join(', ')})`);
      } else if (entry !== undefined) {
        check(entry, at, problems);
      }
    }
  };
}
