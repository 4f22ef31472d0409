import { describe, expect, it } from 'vitest';
import { createTrackerIndex } from '../../src/autoblock/hosts';
import { withCatalogue } from '../../src/catalogue/apply';
import type { Tracker } from '../../src/catalogue/runtime';
import { resolveSettings as resolve } from '../../src/config/settings';
import type { Config } from '../../src/config/types';

const TRACKERS: Tracker[] = [
  {
    id: 'meta-pixel',
    name: 'Meta Pixel',
    provider: 'Meta',
    category: 'marketing',
    hosts: ['connect.facebook.net', 'www.facebook.com/tr'],
    cookies: [{ name: '_fbp', purpose: 'Ads', duration: '3 months' }],
    storage: [],
  },
  {
    id: 'google-tag',
    name: 'Google tag',
    provider: 'Google',
    category: 'statistics',
    hosts: ['www.googletagmanager.com/gtag/'],
    consentMode: true,
    cookies: [],
    storage: [],
  },
  {
    id: 'google-ads',
    name: 'Google Ads',
    provider: 'Google',
    category: 'marketing',
    hosts: ['www.google.com/pagead/', 'googleads.g.doubleclick.net'],
    consentMode: true,
    cookies: [],
    storage: [],
  },
  { id: 'hotjar', name: 'Hotjar', provider: 'Hotjar', category: 'statistics', hosts: ['hotjar.com'], cookies: [], storage: [] },
];

function index(config: Config = {}, ignored: string[] = []) {
  const settings = resolveSettings(config, { documentLanguage: 'en', browserLanguages: [] }, TRACKERS);
  return createTrackerIndex(settings, TRACKERS, ignored);
}
function resolveSettings(config: Config, environment: { documentLanguage: string; browserLanguages: string[] }, trackers: Tracker[]) {
  return withCatalogue(resolve(config, environment), config, trackers);
}
const lookup = (config: Config, url: string, ignored: string[] = []) => index(config, ignored).match(new URL(url));

describe('tracker index', () => {
  it('finds a host, its subdomains, and a path under a narrowed host', () => {
    expect(lookup({}, 'https://connect.facebook.net/en_US/fbevents.js')?.id).toBe('meta-pixel');
    expect(lookup({}, 'https://static.hotjar.com/c/hotjar-1.js')?.id).toBe('hotjar');
    expect(lookup({}, 'https://www.facebook.com/tr?id=1')?.id).toBe('meta-pixel');
    expect(lookup({}, 'https://www.facebook.com/tr/?id=1')?.id).toBe('meta-pixel');
    expect(lookup({}, 'https://www.google.com/pagead/1p-conversion/1/')?.id).toBe('google-ads');
  });

  it('leaves other paths of a shared host and unknown hosts alone', () => {
    expect(lookup({}, 'https://www.facebook.com/trending')).toBeNull();
    expect(lookup({}, 'https://www.facebook.com/')).toBeNull();
    expect(lookup({}, 'https://www.google.com/recaptcha/api.js')).toBeNull();
    expect(lookup({}, 'https://www.googletagmanager.com/gtm.js?id=GTM-1')).toBeNull();
    expect(lookup({}, 'https://notfacebook.net/x.js')).toBeNull();
    expect(lookup({}, 'https://cdn.example.org/app.js')).toBeNull();
  });

  it('asks for the category unless the config declares the service, then for the service', () => {
    expect(lookup({}, 'https://connect.facebook.net/x.js')).toMatchObject({ category: 'marketing', requirement: 'marketing' });
    const declared = { categories: { marketing: { services: { 'meta-pixel': {} } } } };
    expect(lookup(declared, 'https://connect.facebook.net/x.js')).toMatchObject({
      category: 'marketing',
      requirement: 'meta-pixel',
      title: 'Meta Pixel',
    });
  });

  it('lets the config move a catalogue service to another category', () => {
    const moved = { categories: { statistics: { services: { 'meta-pixel': {} } }, marketing: {} } };
    expect(lookup(moved, 'https://connect.facebook.net/x.js')).toMatchObject({ category: 'statistics', requirement: 'meta-pixel' });
  });

  it('adds the config’s own services by their hosts, over the catalogue', () => {
    const config = { categories: { marketing: { services: { 'my-pixel': { hosts: ['px.example.net/collect', 'connect.facebook.net'] } } } } };
    expect(lookup(config, 'https://px.example.net/collect?e=1')).toMatchObject({ id: 'my-pixel', requirement: 'my-pixel' });
    expect(lookup(config, 'https://px.example.net/other')).toBeNull();
    expect(lookup(config, 'https://connect.facebook.net/x.js')?.id).toBe('my-pixel');
  });

  it('never holds back hosts marked necessary or ignored', () => {
    const config = { categories: { necessary: { services: { cdn: { hosts: ['static.hotjar.com'] } } }, statistics: {} } };
    expect(lookup(config, 'https://static.hotjar.com/c/1.js')).toMatchObject({ passes: true });
    expect(lookup(config, 'https://script.hotjar.com/x.js')).toMatchObject({ passes: false, id: 'hotjar' });
    expect(lookup({}, 'https://connect.facebook.net/x.js', ['connect.facebook.net'])).toMatchObject({ passes: true });
  });

  it('lets Google tags through under advanced Consent Mode only', () => {
    expect(lookup({ googleConsentMode: true }, 'https://www.googletagmanager.com/gtag/js?id=G-1')).toMatchObject({ passes: false });
    expect(lookup({ googleConsentMode: { mode: 'advanced' } }, 'https://www.googletagmanager.com/gtag/js?id=G-1')).toMatchObject({ passes: true });
    expect(lookup({ googleConsentMode: { mode: 'advanced' } }, 'https://connect.facebook.net/x.js')).toMatchObject({ passes: false });
  });
});

describe('catalogue facts in the settings', () => {
  it('gives a service declared by its catalogue id its title, hosts and cookies', () => {
    const settings = resolveSettings(
      { categories: { marketing: { services: { 'meta-pixel': {} } } } },
      { documentLanguage: 'en', browserLanguages: [] },
      TRACKERS,
    );
    const service = settings.categories.find((c) => c.name === 'marketing')!.services[0]!;
    expect(service).toMatchObject({ title: 'Meta Pixel', provider: 'Meta', hosts: ['connect.facebook.net', 'www.facebook.com/tr'] });
    expect(service.cookies).toEqual([{ name: '_fbp', purpose: 'Ads', duration: '3 months', provider: 'Meta' }]);
  });

  it('keeps what the config gives over the catalogue', () => {
    const settings = resolveSettings(
      { categories: { marketing: { services: { 'meta-pixel': { title: 'Facebook', cookies: ['_fbc'] } } } } },
      { documentLanguage: 'en', browserLanguages: [] },
      TRACKERS,
    );
    const service = settings.categories.find((c) => c.name === 'marketing')!.services[0]!;
    expect(service.title).toBe('Facebook');
    expect(service.cookies).toEqual([{ name: '_fbc' }]);
  });
});
