import { describe, expect, it, vi } from 'vitest';
import { makeNotice as noticeOf } from '../../src/texts/notice';
import { shownSettings } from '../../src/texts/shown';
import { en } from '../../src/texts/en';
import type { Settings } from '../../src/config/types';
import { settingsFor } from '../helpers';

const makeNotice = (settings: Settings) => noticeOf(shownSettings(settings));

const config = {
  privacyPolicyUrl: '/privacy',
  texts: { en: { acceptAll: 'Allow everything' } },
  categories: {
    statistics: {
      title: 'Measurement',
      cookies: [{ name: '_ga', purpose: 'Tells visitors apart', duration: '2 years' }, /^_gid$/],
      services: { hotjar: { title: 'Hotjar', description: 'Heatmaps', cookies: ['_hj*'], hosts: ['static.hotjar.com'] } },
    },
    marketing: {},
  },
};

describe('notice', () => {
  it('holds the language, revision, regime, texts and categories in a fixed key order', () => {
    const notice = makeNotice(settingsFor({ ...config, revision: 4 }));
    expect(Object.keys(notice)).toEqual(['language', 'revision', 'regime', 'texts', 'categories']);
    expect(notice).toMatchObject({ language: 'en', revision: 4, regime: 'opt-in' });
    expect(Object.keys(notice.categories[1]!)).toEqual(['name', 'required', 'title', 'description', 'services', 'cookies']);
    expect(notice.categories).toEqual([
      { name: 'necessary', required: true, title: 'Strictly necessary', description: en.necessaryDescription, services: [], cookies: [] },
      {
        name: 'statistics',
        required: false,
        title: 'Measurement',
        description: en.statisticsDescription,
        services: [{ name: 'hotjar', title: 'Hotjar', cookies: [{ name: '_hj*' }] }],
        cookies: [{ name: '_ga', purpose: 'Tells visitors apart', duration: '2 years' }, { name: '^_gid$' }],
      },
      { name: 'marketing', required: false, title: 'Marketing', description: en.marketingDescription, services: [], cookies: [] },
    ]);
  });

  it('has the texts as the site overrode them, in the order of the English texts', () => {
    const { texts } = makeNotice(settingsFor(config));
    expect(texts.acceptAll).toBe('Allow everything');
    expect(texts).toMatchObject({
      bannerTitle: en.bannerTitle,
      bannerText: en.bannerText,
      preferenceCenterText: en.preferenceCenterText,
      save: en.save,
    });
    const order = Object.keys(en);
    expect(Object.keys(texts)).toEqual(order.filter((key) => key in texts));
  });

  it('leaves out what the visitor cannot read here: the other regime’s first layer, the category texts it carries itself, an absent privacy link', () => {
    const optIn = makeNotice(settingsFor({ categories: {} })).texts;
    expect(optIn).not.toHaveProperty('doNotSell');
    expect(optIn).not.toHaveProperty('noticeText');
    expect(optIn).not.toHaveProperty('gpcHonored');
    expect(optIn).toHaveProperty('gpcSeen');
    expect(optIn).not.toHaveProperty('privacyPolicy');
    expect(optIn).not.toHaveProperty('statisticsTitle');
    expect(optIn).not.toHaveProperty('necessaryDescription');
    const optOut = makeNotice(settingsFor({ region: 'US-CA' }));
    expect(optOut.texts).toMatchObject({ noticeText: en.noticeText, doNotSell: en.doNotSell, gpcHonored: en.gpcHonored });
    expect(optOut.texts).not.toHaveProperty('bannerText');
    expect(optOut.texts).not.toHaveProperty('limitSensitive');
    expect(optOut.categories.find((c) => c.name === 'marketing')!.title).toBe(en.saleOrSharing);
  });

  it('is the same on every page view: no time, no address, no consent ID', () => {
    const first = JSON.stringify(makeNotice(settingsFor(config)));
    vi.setSystemTime(Date.parse('2030-01-01T00:00:00Z'));
    try {
      expect(JSON.stringify(makeNotice(settingsFor(config)))).toBe(first);
    } finally {
      vi.useRealTimers();
    }
    expect(first).not.toMatch(/https?:|\d{4}-\d\d-\d\dT/);
  });
});
