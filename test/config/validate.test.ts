import { describe, expect, it } from 'vitest';
import { withAttributes } from '../../src/config/attributes';
import { validateConfig } from '../../src/config/validate';

// The part of a script element withAttributes reads (these tests run without a DOM).
function tagWith(attributes: Record<string, string>): Element {
  return {
    getAttributeNames: () => Object.keys(attributes),
    getAttribute: (name: string) => (Object.hasOwn(attributes, name) ? attributes[name] : null),
  } as unknown as Element;
}

describe('config validation', () => {
  it('accepts no config and the documented example', () => {
    expect(validateConfig(undefined)).toEqual([]);
    expect(
      validateConfig({
        revision: 1,
        language: 'auto',
        privacyPolicyUrl: '/privacy',
        categories: {
          preferences: { title: 'Preferences', description: '…' },
          statistics: {
            title: 'Statistics',
            cookies: ['_ga', '_ga_*'],
            services: { 'google-analytics': { title: 'Google Analytics', cookies: ['_ga'] } },
          },
          marketing: { cookies: ['_fbp', '_gcl_au'] },
        },
        texts: { en: { acceptAll: 'Allow all' } },
        cookie: { name: 'holdback', expiresAfterDays: 365 },
      }),
    ).toEqual([]);
  });

  it('checks the look: theme, layout and the floating button', () => {
    expect(validateConfig({ theme: 'dark', layout: 'box', floatingButton: true })).toEqual([]);
    expect(validateConfig({ theme: 'sepia', layout: 'sidebar', floatingButton: 'yes' })).toEqual([
      'theme must be "auto", "light" or "dark", not "sepia"',
      'layout must be "bar", "box" or "modal", not "sidebar"',
      'floatingButton must be true or false, not "yes"',
    ]);
  });

  it('names an unknown key and the keys it knows', () => {
    expect(validateConfig({ privacyPolicyURL: '/privacy' })).toEqual([
      expect.stringMatching(/^privacyPolicyURL is not a setting holdback knows \(known: revision, language, privacyPolicyUrl/),
    ]);
  });

  it('names wrong types with their path', () => {
    expect(
      validateConfig({
        revision: '2',
        categories: { marketing: { cookies: '_fbp' } },
        cookie: { expiresAfterDays: 500 },
      }),
    ).toEqual([
      'revision must be a whole number from 0 to 1000000, not "2"',
      'categories.marketing.cookies must be an array, not "_fbp"',
      'cookie.expiresAfterDays must be a whole number from 1 to 395, not number 500',
    ]);
  });

  it('refuses a config that is not an object', () => {
    expect(validateConfig('statistics')).toEqual(['the config must be an object, not "statistics"']);
    expect(validateConfig([])).toHaveLength(1);
  });

  it('refuses category names that markup could not carry', () => {
    expect(validateConfig({ categories: { 'ads & more': {} } })[0]).toMatch(/the name "ads & more" in categories must be letters/);
    expect(validateConfig({ categories: { '!ads': {} } })).toHaveLength(1);
  });

  it('refuses a service that is in two categories or named like a category', () => {
    expect(
      validateConfig({ categories: { statistics: { services: { hotjar: {} } }, marketing: { services: { hotjar: {}, statistics: {} } } } }),
    ).toEqual([
      'the service "hotjar" is in both categories.statistics and categories.marketing',
      'the service "statistics" in categories.marketing has the name of a category',
    ]);
  });

  it('refuses text keys it does not have', () => {
    expect(validateConfig({ texts: { en: { acceptEverything: 'OK' } } })[0]).toMatch(
      /^texts\.en\.acceptEverything is not a setting holdback knows \(known: bannerLabel, bannerTitle, .*, marketingDescription\)$/,
    );
    expect(validateConfig({ texts: { de: { constructor: 'x', acceptAll: 1, save: 'Speichern' } } })).toEqual([
      expect.stringMatching(/^texts\.de\.constructor is not a setting holdback knows/),
      'texts.de.acceptAll must be a string, not number 1',
    ]);
  });

  it('accepts cookie declarations, regular expressions, storage keys, hosts and the withdrawal settings', () => {
    expect(
      validateConfig({
        reloadOnWithdraw: false,
        recordEndpoint: '/consent-log',
        cookie: { refusalExpiresAfterDays: 182 },
        categories: {
          statistics: {
            cookies: [{ name: '_ga', purpose: 'Tells visitors apart', duration: '2 years', provider: 'Google' }, /^_ga_/],
            storage: ['_hj*', /^amplitude/],
            services: { hotjar: { hosts: ['static.hotjar.com'], cookies: [{ name: /^_hjSession_\d+$/ }] } },
          },
        },
      }),
    ).toEqual([]);
    expect(validateConfig({ reloadOnWithdraw: 'yes', categories: { marketing: { cookies: [{ name: '_fbp', lifetime: '90 days' }] } } })).toEqual([
      'reloadOnWithdraw must be true or false, not "yes"',
      'categories.marketing.cookies[0].lifetime is not a setting holdback knows (known: name, purpose, duration, provider)',
    ]);
  });

  it('refuses a cookie pattern with a wildcard inside', () => {
    expect(validateConfig({ categories: { statistics: { cookies: ['_g*a'] } } })).toHaveLength(1);
  });
});

describe('script tag attributes', () => {
  function script(attributes: Record<string, string>) {
    return tagWith(attributes);
  }

  it('override the config, the cookie settings one by one', () => {
    const merged = withAttributes(
      { language: 'en', cookie: { name: 'consent' } },
      script({ 'data-language': 'de', 'data-cookie-domain': 'example.com', 'data-revision': '4', 'data-cfasync': 'false' }),
    );
    expect(merged).toEqual({ language: 'de', revision: 4, cookie: { name: 'consent', domain: 'example.com' } });
  });

  it('keep a number that does not parse for validation to name', () => {
    const merged = withAttributes({}, script({ 'data-revision': 'two' }));
    expect(validateConfig(merged)).toEqual(['revision must be a whole number from 0 to 1000000, not "two"']);
  });
});

describe('auto-blocking settings', () => {
  it('accepts autoBlock as the brief writes it, and its modes', () => {
    for (const autoBlock of [false, true, 'report', 'strict'] as const) expect(validateConfig({ autoBlock })).toEqual([]);
    expect(validateConfig({ autoBlockIgnore: ['widgets.example.com', 'www.example.org/embed'] })).toEqual([]);
    expect(validateConfig({ googleConsentMode: { mode: 'advanced' } })).toEqual([]);
  });

  it('names a wrong mode or host', () => {
    expect(validateConfig({ autoBlock: 'yes', autoBlockIgnore: ['https://x.com'], googleConsentMode: { mode: 'full' } })).toEqual([
      'autoBlock must be true, false, "report" or "strict", not "yes"',
      expect.stringMatching(/^autoBlockIgnore\[0\] must be a host such as "connect.facebook.net"/),
      'googleConsentMode.mode must be "basic" or "advanced", not "full"',
    ]);
  });

  it('reads data-auto-block from the script tag', () => {
    const tag = (value: string) => {
      const script = tagWith({ 'data-auto-block': value });
      return withAttributes({}, script).autoBlock;
    };
    expect(tag('')).toBe(true);
    expect(tag('strict')).toBe('strict');
    expect(tag('report')).toBe('report');
    expect(tag('false')).toBe(false);
    expect(validateConfig({ autoBlock: tag('sometimes') })).toEqual(['autoBlock must be true, false, "report" or "strict", not "sometimes"']);
  });
});
