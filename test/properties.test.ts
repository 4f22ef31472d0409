// @vitest-environment happy-dom
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { withAttributes } from '../src/config/attributes';
import { resolveSettings } from '../src/config/settings';
import type { Config, Settings } from '../src/config/types';
import { validateConfig } from '../src/config/validate';
import { decodeDecision, encodeDecision, type StoredDecision } from '../src/consent/cookie-codec';
import { isMet, parseRequirement } from '../src/consent/requirement';
import { createGate } from '../src/gate/gate';
import { createStore } from '../src/store';

// Property-based tests of every parser of outside input: the consent cookie,
// the config, the script tag's data-* attributes and data-category markup.
// The invariant everywhere: nothing throws, and nothing optional is allowed
// unless a valid, current decision says so.
//
// Each property runs RUNS cases (10,000 unless HOLDBACK_PROPERTY_RUNS says
// otherwise). A failure prints the seed and the path that reproduce it; set
// HOLDBACK_PROPERTY_SEED to run the same cases again.
const RUNS = Number(process.env.HOLDBACK_PROPERTY_RUNS) || 10_000;
const SEED = process.env.HOLDBACK_PROPERTY_SEED ? Number(process.env.HOLDBACK_PROPERTY_SEED) : undefined;
const ran: Record<string, { runs: number; ms: number }> = {};

/** Checks a property with RUNS cases, and notes how many ran and how long they took. */
function check<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void): void {
  const started = performance.now();
  const details = fc.check(fc.property(arbitrary, predicate), { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) });
  ran[name] = { runs: details.numRuns, ms: Math.round(performance.now() - started) };
  if (details.failed) {
    throw new Error(
      `${name}: ${fc.defaultReportMessage(details) ?? 'failed'}\n(seed ${details.seed}: HOLDBACK_PROPERTY_SEED=${details.seed} runs the same cases)`,
    );
  }
}

afterAll(() => {
  const lines = Object.entries(ran).map(([name, { runs, ms }]) => `  ${name}: ${runs} cases in ${ms} ms`);
  console.info(`properties:\n${lines.join('\n')}`);
});

// Names a hostile or careless input likes: those every JavaScript object already has.
const OBJECT_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf'];
const CONFIG_NAMES = ['necessary', 'preferences', 'statistics', 'marketing', 'meta-pixel', 'youtube'];
const someName = fc.oneof(fc.constantFrom(...CONFIG_NAMES, ...OBJECT_NAMES, 'services', 'Marketing', ''), fc.string({ maxLength: 45 }));
const HUGE = 'x'.repeat(200_000);
const junk = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.constant(HUGE),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.anything(), { maxLength: 4 }),
  fc.constant(/a/),
  fc.constant(() => true),
);

describe('the consent cookie', () => {
  const stored = fc.record({
    id: fc.uuid({ version: 4 }),
    categories: fc.dictionary(
      fc.oneof(
        fc.constantFrom(...CONFIG_NAMES),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).filter((name) => !(name in Object.prototype)),
      ),
      fc.boolean(),
    ),
    services: fc.dictionary(
      fc.oneof(
        fc.constantFrom('meta-pixel', 'youtube'),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/).filter((name) => !(name in Object.prototype)),
      ),
      fc.boolean(),
    ),
    revision: fc.integer({ min: 0, max: 3 }),
    decidedAt: fc.integer({ min: Date.parse('2024-01-01'), max: Date.parse('2028-01-01') }).map((ms) => new Date(ms).toISOString()),
  }) as fc.Arbitrary<StoredDecision>;
  // What a cookie may hold: anything, bytes, our own format, and our own format damaged.
  const value = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constant(HUGE),
    stored.map(encodeDecision),
    fc.tuple(stored.map(encodeDecision), fc.nat()).map(([text, cut]) => text.slice(0, cut % (text.length + 1))),
    fc.tuple(stored.map(encodeDecision), fc.nat(), fc.string({ minLength: 1, maxLength: 1 })).map(([text, at, char]) => {
      const i = at % text.length;
      return text.slice(0, i) + char + text.slice(i + 1);
    }),
    stored.map((decision) => `${encodeDecision(decision)}${encodeDecision(decision)}`),
    fc.constantFrom('v=1', 'v=1&id=&at=&rev=&c=&s=&h=', '__proto__=1', 'c=__proto__:1'),
    // Our format with a checksum that matches, naming what every object has.
    fc
      .tuple(stored, fc.constantFrom(...OBJECT_NAMES), fc.boolean())
      .map(([decision, name, inServices]) =>
        encodeDecision(
          inServices ? { ...decision, services: { ...decision.services, [name]: true } } : { ...decision, categories: { [name]: true } },
        ),
      ),
  );

  it('decodes any value without throwing; what it accepts is exactly what was written', () => {
    check('cookie value → decision', value, (text) => {
      const decoded = decodeDecision(text);
      if ('problem' in decoded) return;
      // Accepted: then it is one of ours, and it reads back to itself.
      expect(encodeDecision(decoded)).toBe(text);
      for (const record of [decoded.categories, decoded.services]) {
        for (const allowed of Object.values(record)) expect(typeof allowed).toBe('boolean');
      }
    });
  });

  it('reads back every decision it writes', () => {
    check('decision → cookie value → decision', stored, (decision) => {
      expect(decodeDecision(encodeDecision(decision))).toEqual(decision);
    });
  });

  const NOW = Date.parse('2026-06-01T12:00:00Z');
  const DAY = 86_400_000;
  const settings = settingsOf({
    revision: 2,
    categories: { preferences: {}, statistics: {}, marketing: { services: { 'meta-pixel': {}, youtube: {} } } },
  });
  const optional = ['preferences', 'statistics', 'marketing', 'meta-pixel', 'youtube'];
  /** Whether one stored value, on its own, is a valid and current decision that allows `name`. */
  const allowsOnItsOwn = (text: string, name: string) => {
    const decoded = decodeDecision(text);
    if ('problem' in decoded || decoded.revision !== 2) return false;
    const age = NOW - Date.parse(decoded.decidedAt);
    if (age > 395 * DAY || age < -DAY) return false;
    const category = name === 'meta-pixel' || name === 'youtube' ? 'marketing' : name;
    const own = (record: Record<string, boolean>, key: string) => (Object.hasOwn(record, key) ? record[key] : undefined);
    return (own(decoded.services, name) ?? own(decoded.categories, category)) === true;
  };
  // Several cookies of the one name (set on other paths or domains), as the browser lists them.
  const values = fc.array(
    fc.oneof(
      value,
      stored.map((d) => encodeDecision({ ...d, revision: 2 })),
    ),
    { maxLength: 4 },
  );

  function expectFailsClosed(list: string[], store: ReturnType<typeof createStore>) {
    for (const name of optional) {
      if (store.allowed(name)) expect(list.some((text) => allowsOnItsOwn(text, name))).toBe(true);
    }
    for (const name of [...OBJECT_NAMES, 'services', 'unknown']) expect(store.allowed(name)).toBe(false);
  }

  it('allows nothing optional unless a stored value is a valid, current decision that allows it (Cookie Store API)', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(values, async (list) => {
        vi.stubGlobal('cookieStore', { getAll: async () => list.map((text) => ({ value: text })) });
        try {
          const store = createStore(settings, () => NOW);
          await new Promise<void>((resolve) => store.whenRead(resolve));
          expectFailsClosed(list, store);
        } finally {
          vi.unstubAllGlobals();
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    ran['cookie values (Cookie Store API) → allowed'] = { runs: RUNS, ms: Math.round(performance.now() - started) };
    warn.mockRestore();
  });

  it('reads any cookie header without throwing and fails closed (document.cookie)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const header = fc.array(
      fc.oneof(
        fc
          .tuple(fc.constantFrom('holdback', ' holdback', 'holdback ', 'HOLDBACK', 'other', ''), values)
          .map(([name, list]) => list.map((text) => `${name}=${encodeURIComponent(text)}`).join('; ')),
        fc.tuple(fc.constantFrom('holdback', 'other'), fc.string()).map(([name, text]) => `${name}=${text}`),
        fc.string(),
      ),
      { maxLength: 4 },
    );
    check('document.cookie header → allowed', header, (parts) => {
      const text = parts.join('; ');
      const cookie = vi.spyOn(document, 'cookie', 'get').mockReturnValue(text);
      try {
        const store = createStore(settings, () => NOW);
        // What the store could have read: every value of exactly this name.
        const list = text
          .split(';')
          .map((pair) => pair.split('='))
          .filter(([name]) => name?.trim() === 'holdback')
          .map(([, ...rest]) => {
            try {
              return decodeURIComponent(rest.join('=').trim());
            } catch {
              return rest.join('=').trim();
            }
          });
        expectFailsClosed(list, store);
      } finally {
        cookie.mockRestore();
      }
    });
    warn.mockRestore();
  });
});

describe('the config', () => {
  const holder = fc.record(
    {
      title: junk,
      description: junk,
      cookies: fc.oneof(fc.array(fc.oneof(fc.string(), junk), { maxLength: 3 }), junk),
      storage: junk,
      hosts: fc.oneof(fc.array(fc.string(), { maxLength: 2 }), junk),
      services: fc.oneof(fc.dictionary(someName, fc.oneof(fc.record({ title: fc.string() }, { requiredKeys: [] }), junk), { maxKeys: 3 }), junk),
    },
    { requiredKeys: [] },
  );
  const config = fc.oneof(
    junk,
    fc.record(
      {
        revision: fc.oneof(fc.integer(), junk),
        language: fc.oneof(fc.constantFrom('auto', 'en', 'de', 'pt-BR', 'xx-'), junk),
        privacyPolicyUrl: fc.oneof(fc.constantFrom('/privacy', 'javascript:alert(1)'), junk),
        categories: fc.oneof(fc.dictionary(someName, fc.oneof(holder, junk), { maxKeys: 4 }), junk),
        texts: fc.oneof(
          fc.dictionary(
            fc.constantFrom('en', 'de', 'x', '__proto__'),
            fc.oneof(
              fc.dictionary(fc.constantFrom('acceptAll', 'bannerTitle', 'nope', ...OBJECT_NAMES), fc.oneof(fc.string(), fc.constant(HUGE), junk)),
              junk,
            ),
          ),
          junk,
        ),
        cookie: fc.oneof(fc.record({ name: junk, domain: junk, expiresAfterDays: junk }, { requiredKeys: [] }), junk),
        region: fc.oneof(fc.constantFrom('DE', 'US-CA', 'us'), junk),
        regimes: junk,
        gpc: junk,
        autoBlock: fc.oneof(fc.constantFrom(true, 'report', 'strict'), junk),
        googleConsentMode: junk,
        floatingButton: junk,
      },
      { requiredKeys: [] },
    ),
    // A setting holdback does not know, under a name objects already have.
    fc.tuple(fc.constantFrom(...OBJECT_NAMES, 'categorie', 'Revision'), junk).map(([key, item]) => {
      const odd: Record<string, unknown> = {};
      Object.defineProperty(odd, key, { value: item, enumerable: true, writable: true, configurable: true });
      return odd;
    }),
  );

  it('validates any value without throwing; a valid one resolves, and allows nothing optional under opt-in', () => {
    check('config → problems → settings', config, (value) => {
      const problems = validateConfig(value);
      expect(Array.isArray(problems)).toBe(true);
      for (const problem of problems) expect(typeof problem).toBe('string');
      if (problems.length > 0) return;
      const settings = resolveSettings((value ?? {}) as Config, { documentLanguage: 'en', browserLanguages: [], timeZone: 'Europe/Berlin' });
      if (settings.regime !== 'opt-in') return;
      vi.spyOn(document, 'cookie', 'get').mockReturnValue('');
      const store = createStore(settings);
      for (const category of settings.categories) {
        for (const name of [category.name, ...category.services.map((service) => service.name)]) {
          expect(store.allowed(name)).toBe(category.required);
        }
      }
      for (const name of OBJECT_NAMES) expect(store.allowed(name)).toBe(false);
    });
  });

  it('names every key it does not know, whatever its name', () => {
    check('unknown config key → a problem', fc.constantFrom(...OBJECT_NAMES, 'categorie', 'Revision', 'x'), (key) => {
      const odd: Record<string, unknown> = {};
      Object.defineProperty(odd, key, { value: 1, enumerable: true, writable: true, configurable: true });
      expect(validateConfig(odd).some((problem) => problem.includes(key))).toBe(true);
    });
  });
});

describe('the script tag’s data-* attributes', () => {
  const KNOWN = ['data-language', 'data-revision', 'data-privacy-policy-url', 'data-region', 'data-theme', 'data-layout', 'data-auto-block'];
  const KNOWN_COOKIE = ['data-cookie-name', 'data-cookie-domain', 'data-cookie-expires-after-days'];
  const attributeName = fc.oneof(
    fc.constantFrom(...KNOWN, ...KNOWN_COOKIE, 'constructor', '__proto__', 'tostring', 'data-foo', 'src', 'nonce', 'async'),
    fc.stringMatching(/^data-[a-z_-]{0,12}$/),
  );
  const attributes = fc.uniqueArray(fc.tuple(attributeName, fc.oneof(fc.string(), fc.constant(HUGE), fc.constantFrom('', '42', 'true', 'strict'))), {
    selector: ([name]) => name,
    maxLength: 6,
  });

  it('merges any attributes without throwing; those it does not read never make a problem', () => {
    check('script tag attributes → config → problems', attributes, (list) => {
      const script = document.createElement('script');
      for (const [name, text] of list) script.setAttribute(name, text);
      const merged = withAttributes({}, script);
      const problems = validateConfig(merged);
      const read = list.filter(([name]) => KNOWN.includes(name) || KNOWN_COOKIE.includes(name));
      if (read.length === 0) expect(problems).toEqual([]);
      // What it read of them is a setting of the config, or under config.cookie.
      for (const key of Object.keys(merged)) expect(key).toMatch(/^(language|revision|privacyPolicyUrl|region|theme|layout|autoBlock|cookie)$/);
    });
  });
});

describe('data-category markup', () => {
  // Odd whitespace, case, "!", unknown names, empty.
  const token = fc.oneof(fc.constantFrom(...CONFIG_NAMES, 'Marketing', 'MARKETING', '!', '!!marketing', 'unknown', ...OBJECT_NAMES), someName);
  const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\f', '\u00a0', '\u2003', '\u200b', '');
  const value = fc.oneof(
    fc.string(),
    fc
      .array(fc.tuple(space, fc.boolean(), token), { maxLength: 5 })
      .map((parts) => parts.map(([gap, not, name]) => `${gap}${not ? '!' : ''}${name}`).join(' ')),
  );

  it('parses any value without throwing into names without whitespace', () => {
    check('data-category → requirement', value, (text) => {
      const requirement = parseRequirement(text);
      if (!requirement) return;
      for (const name of [...requirement.all, ...requirement.none]) {
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).some((char) => char.charCodeAt(0) <= 32)).toBe(false);
      }
      // With nothing allowed, only a requirement of refusals alone is met.
      expect(isMet(requirement, () => false)).toBe(requirement.all.length === 0);
    });
  });

  const KNOWN = new Set(['necessary', 'preferences', 'statistics', 'marketing', 'meta-pixel']);
  let gate: ReturnType<typeof createGate> | null = null;
  beforeAll(() => vi.spyOn(console, 'warn').mockImplementation(() => {}));
  afterEach(() => gate?.stop());

  it('lets an element go only when every name it needs is known and allowed, and none it refuses is', () => {
    const allowedSet = fc.subarray(['statistics', 'marketing', 'meta-pixel', 'preferences']);
    check('markup → what the gate lets go', fc.tuple(fc.array(value, { minLength: 1, maxLength: 4 }), allowedSet), ([texts, allowed]) => {
      document.body.replaceChildren(
        ...texts.map((text) => {
          const pixel = document.createElement('img');
          pixel.setAttribute('data-category', text);
          pixel.setAttribute('data-src', '/p.gif');
          return pixel;
        }),
      );
      const isAllowed = (name: string) => name === 'necessary' || allowed.includes(name);
      gate = createGate(document, { isAllowed, isKnown: (name) => KNOWN.has(name), categoryOf: () => undefined, nonce: '', report: () => {} });
      for (const pixel of document.querySelectorAll('img')) {
        const requirement = parseRequirement(pixel.getAttribute('data-category')!);
        const names = requirement ? [...requirement.all, ...requirement.none] : [];
        const expected = !!requirement && names.every((name) => KNOWN.has(name)) && isMet(requirement, isAllowed);
        expect(pixel.hasAttribute('src')).toBe(expected);
        // Whatever it says, an element that names nothing known never loads.
        if (names.length === 0 || names.some((name) => !KNOWN.has(name))) expect(pixel.hasAttribute('src')).toBe(false);
      }
      gate.stop();
      gate = null;
    });
  });
});

function settingsOf(config: Config): Settings {
  const problems = validateConfig(config);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return resolveSettings(config, { documentLanguage: 'en', browserLanguages: [], timeZone: 'Europe/Berlin' });
}
