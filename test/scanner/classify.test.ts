import { describe, expect, it } from 'vitest';
import { createClassifier, distinctive, thirdParty } from '../../scanner/classify';

const classify = createClassifier();

describe('naming cookies', () => {
  it('names distinctive vendor cookies on the site, from the catalogue, then the Open Cookie Database', () => {
    expect(classify.cookie('_ga', 'shop.example')).toMatchObject({ id: 'google-analytics', category: 'statistics', source: 'catalogue' });
    expect(classify.cookie('_fbp', '.shop.example')).toMatchObject({ id: 'meta-pixel', category: 'marketing' });
    expect(classify.cookie('_pk_id.1.a1b2', 'shop.example')).toMatchObject({ category: 'statistics' });
    expect(classify.cookie('_hjSessionUser_123', 'shop.example')).toMatchObject({ category: 'statistics' });
  });

  it('leaves plain words and short prefixes on the site unnamed', () => {
    for (const name of ['token', 'locale', 'sessionid', 'uid', 'version', 'visitor', 'c', '_session_id', 'captcha', 'csrftoken']) {
      expect(classify.cookie(name, 'shop.example'), name).toBeNull();
    }
    expect(classify.storage('token')).toBeNull();
    expect(classify.storage('locale')).toBeNull();
  });

  it("names any cookie on a tracker's own domain as that tracker's", () => {
    expect(classify.cookie('fr', '.facebook.com')).toMatchObject({ id: 'meta-pixel', category: 'marketing' });
    expect(classify.cookie('IDE', '.doubleclick.net')?.category).toBe('marketing');
    expect(classify.cookie('anything', 'cdn.shop.example')).toBeNull();
  });

  it("puts the site's own declaration and holdback's cookie first", () => {
    const declared = createClassifier({ categories: { preferences: { cookies: ['_ga'] }, statistics: {} }, cookie: { name: 'consent' } });
    expect(declared.cookie('_ga', 'shop.example')).toMatchObject({ category: 'preferences', source: 'config' });
    expect(declared.cookie('consent', 'shop.example')).toMatchObject({ category: 'necessary', source: 'holdback' });
    expect(declared.optional(declared.cookie('consent'))).toBe(false);
  });

  it('lets Google tags pass under Consent Mode advanced, whatever was looked up first', () => {
    const advanced = createClassifier({ googleConsentMode: { mode: 'advanced' } });
    expect(advanced.optional(advanced.cookie('_ga', 'shop.example'))).toBe(false);
    expect(advanced.optional(advanced.host('https://connect.facebook.net/en_US/fbevents.js'))).toBe(true);
  });
});

describe('distinctive', () => {
  it.each([
    ['_ga', true],
    ['li_fat_id', true],
    ['_pk_id.*', true],
    ['AMCV_*', true],
    ['token', false],
    ['_s*', false],
    ['cap*', false],
    ['CookieConsent', false],
  ])('%s → %s', (name, expected) => {
    expect(distinctive(name)).toBe(expected);
  });
});

describe('thirdParty', () => {
  it('compares registrable domains', () => {
    expect(thirdParty('https://cdn.shop.example/a.js', 'https://www.shop.example/')).toBe(false);
    expect(thirdParty('https://www.facebook.com/tr', 'https://www.shop.example/')).toBe(true);
    expect(thirdParty('https://a.github.io/', 'https://b.github.io/')).toBe(true);
  });
});
