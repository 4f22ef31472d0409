import { describe, expect, it } from 'vitest';
import { named } from '../../src/config/names';
import { shownSettings } from '../../src/texts/shown';
import { settingsFor, withServices } from '../helpers';

describe('the name index', () => {
  it('finds categories and services, with the category a service is in', () => {
    const settings = settingsFor(withServices);
    expect(named(settings, 'statistics')).toMatchObject({ category: { name: 'statistics' }, service: undefined });
    expect(named(settings, 'meta-pixel')).toMatchObject({ category: { name: 'marketing' }, service: { name: 'meta-pixel', title: 'Meta Pixel' } });
    expect(named(settings, 'nothing')).toBeUndefined();
    expect(named(settings, '__proto__')).toBeUndefined();
  });

  it('is built once per list of categories, and shared by copies of the settings', () => {
    const settings = settingsFor(withServices);
    const copy: typeof settings = { ...settings, regime: 'opt-out' };
    expect(named(copy, 'linkedin')).toBe(named(settings, 'linkedin'));
    const other = { ...settings, categories: settings.categories.filter((c) => c.name !== 'marketing') };
    expect(named(other, 'linkedin')).toBeUndefined();
  });
});

describe('the settings as the visitor reads them', () => {
  it('gives the default categories their words, the site’s overrides first', () => {
    const settings = shownSettings(
      settingsFor({ texts: { en: { statisticsTitle: 'Analytics' } }, categories: { statistics: {}, marketing: { title: 'Ads' } } }),
    );
    expect(settings.categories.map((c) => c.title)).toEqual(['Strictly necessary', 'Analytics', 'Ads']);
    expect(settings.texts.acceptAll).toBe('Accept all');
  });

  it('does not title a category named like a UI text with that text', () => {
    const settings = shownSettings(settingsFor({ categories: { banner: {}, placeholder: {}, save: { description: 'Saved carts' } } }));
    expect(settings.categories.map((c) => [c.title, c.description])).toEqual([
      ['Strictly necessary', expect.stringMatching(/^Needed for the site to work/)],
      ['Banner', ''],
      ['Placeholder', ''],
      ['Save', 'Saved carts'],
    ]);
  });
});
