import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTrackerIndex } from '../../src/autoblock/hosts';
import { packCatalogue, unpackCatalogue } from '../../src/catalogue/runtime';
import { type CatalogueFile, type CatalogueService, catalogueProblems } from '../../src/catalogue/schema';
import { settingsFor } from '../helpers';

const CATALOGUE = join(import.meta.dirname, '..', '..', 'src', 'catalogue', 'services.json');
const raw = readFileSync(CATALOGUE, 'utf8');
const catalogue = JSON.parse(raw) as CatalogueFile;
const copy = (): CatalogueFile => JSON.parse(raw) as CatalogueFile;
const byId = (id: string): CatalogueService | undefined => catalogue.services.find((s) => s.id === id);

// The documented matching rule: a catalogue host matches itself and its
// subdomains, and its path (if any) matches the start of the URL's path.
function covers(entry: string, url: string): boolean {
  const slash = entry.indexOf('/');
  const host = slash < 0 ? entry : entry.slice(0, slash);
  const path = slash < 0 ? '' : entry.slice(slash);
  const target = new URL(url.includes('://') ? url : `https://${url}`);
  const sameHost = target.hostname === host || target.hostname.endsWith(`.${host}`);
  return sameHost && target.pathname.startsWith(path);
}
// The matcher auto-blocking runs, over the catalogue as the drop-in carries it.
const runtime = createTrackerIndex(settingsFor({}), unpackCatalogue(packCatalogue(catalogue)), []);
const heldAs = (url: string) => runtime.match(new URL(url.includes('://') ? url : `https://${url}`))?.id ?? null;
const matches = (url: string): string[] => catalogue.services.filter((s) => s.hosts.some((h) => covers(h, url))).map((s) => s.id);

describe('the tracker catalogue', () => {
  it('passes its own schema check', () => {
    expect(catalogueProblems(catalogue)).toEqual([]);
  });

  it('rejects a service that does not name the source of a fact', () => {
    const broken = copy();
    const service = broken.services.find((s) => s.id === 'hotjar')!;
    delete service.sources.hosts;
    expect(catalogueProblems(broken)).toEqual([expect.stringContaining('hotjar')]);
    expect(catalogueProblems(broken)[0]).toContain('sources.hosts');
  });

  it('rejects a cookie without a source and a source that is not listed', () => {
    const broken = copy();
    const service = broken.services.find((s) => s.id === 'meta-pixel')!;
    delete (service.cookies[0] as { source?: string }).source;
    service.sources.name = ['somewhere'];
    const problems = catalogueProblems(broken);
    expect(problems).toContainEqual(expect.stringMatching(/meta-pixel.*cookies\[0\]\.source is missing/));
    expect(problems).toContainEqual(expect.stringMatching(/meta-pixel.*names the source somewhere/));
  });

  it('rejects duplicate ids, bad hosts and unknown categories', () => {
    const broken = copy();
    broken.services.push({ ...broken.services[0]!, hosts: ['https://example.com', 'Example.com', '*.example.com'] });
    (broken.services[1] as { category: string }).category = 'necessary';
    const problems = catalogueProblems(broken);
    expect(problems).toContainEqual(expect.stringContaining('is used twice'));
    expect(problems.filter((p) => p.includes('must be a lower-case host'))).toHaveLength(3);
    expect(problems).toContainEqual(expect.stringContaining('category must be'));
  });

  it('is stored sorted by id with sorted hosts', () => {
    const ids = catalogue.services.map((s) => s.id);
    expect(ids).toEqual([...ids].sort());
    for (const service of catalogue.services) expect(service.hosts).toEqual([...service.hosts].sort());
  });

  it('holds at least 150 services and 500 hosts', () => {
    expect(catalogue.services.length).toBeGreaterThanOrEqual(150);
    expect(catalogue.services.reduce((n, s) => n + s.hosts.length, 0)).toBeGreaterThanOrEqual(500);
  });

  it.each([
    ['google-analytics', 'statistics'],
    ['google-tag', 'statistics'],
    ['google-tag-manager', 'statistics'],
    ['google-ads', 'marketing'],
    ['floodlight', 'marketing'],
    ['meta-pixel', 'marketing'],
    ['linkedin-insight', 'marketing'],
    ['x-pixel', 'marketing'],
    ['pinterest-tag', 'marketing'],
    ['tiktok-pixel', 'marketing'],
    ['microsoft-uet', 'marketing'],
    ['microsoft-clarity', 'statistics'],
    ['hotjar', 'statistics'],
    ['youtube', 'marketing'],
    ['vimeo', 'marketing'],
    ['google-maps', 'marketing'],
    ['spotify', 'marketing'],
    ['soundcloud', 'marketing'],
    ['snapchat-pixel', 'marketing'],
    ['reddit-pixel', 'marketing'],
    ['quora-pixel', 'marketing'],
    ['criteo', 'marketing'],
    ['taboola', 'marketing'],
    ['outbrain', 'marketing'],
    ['hubspot', 'marketing'],
    ['matomo-cloud', 'statistics'],
    ['yandex-metrica', 'statistics'],
    ['amazon-ads', 'marketing'],
    ['adobe-analytics', 'statistics'],
    ['segment', 'statistics'],
    ['mixpanel', 'statistics'],
    ['amplitude', 'statistics'],
    ['heap', 'statistics'],
    ['fullstory', 'statistics'],
    ['intercom', 'preferences'],
    ['drift', 'preferences'],
  ])('has %s as %s', (id, category) => {
    expect(byId(id)?.category).toBe(category);
  });

  it.each([
    ['https://connect.facebook.net/en_US/fbevents.js', 'meta-pixel'],
    ['https://www.facebook.com/tr?id=1&ev=PageView', 'meta-pixel'],
    ['https://snap.licdn.com/li.lms-analytics/insight.min.js', 'linkedin-insight'],
    ['https://px.ads.linkedin.com/collect/?pid=1&fmt=gif', 'linkedin-insight'],
    ['https://www.googletagmanager.com/gtag/js?id=G-XXXX', 'google-tag'],
    ['https://www.googletagmanager.com/gtm.js?id=GTM-XXXX', 'google-tag-manager'],
    ['https://www.googletagmanager.com/ns.html?id=GTM-XXXX', 'google-tag-manager'],
    ['https://www.google-analytics.com/g/collect?tid=G-1', 'google-analytics'],
    ['https://region1.google-analytics.com/g/collect', 'google-analytics'],
    ['https://analytics.google.com/g/collect', 'google-analytics'],
    ['https://www.googleadservices.com/pagead/conversion/1/', 'google-ads'],
    ['https://googleads.g.doubleclick.net/pagead/viewthroughconversion/1/', 'google-ads'],
    ['https://www.google.com/pagead/1p-conversion/1/', 'google-ads'],
    ['https://1234567.fls.doubleclick.net/activityi;src=1', 'floodlight'],
    ['https://ad.doubleclick.net/ddm/activity/src=1', 'floodlight'],
    ['https://static.ads-twitter.com/uwt.js', 'x-pixel'],
    ['https://analytics.twitter.com/i/adsct?txn_id=1', 'x-pixel'],
    ['https://t.co/1/i/adsct?txn_id=1', 'x-pixel'],
    ['https://s.pinimg.com/ct/core.js', 'pinterest-tag'],
    ['https://ct.pinterest.com/v3/?event=init&tid=1&noscript=1', 'pinterest-tag'],
    ['https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=1&lib=ttq', 'tiktok-pixel'],
    ['https://bat.bing.com/bat.js', 'microsoft-uet'],
    ['https://bat.bing.com/action/0?ti=1&Ver=2', 'microsoft-uet'],
    ['https://www.clarity.ms/tag/abc', 'microsoft-clarity'],
    ['https://www.youtube.com/embed/xyz', 'youtube'],
    ['https://www.youtube-nocookie.com/embed/xyz', 'youtube'],
    ['https://player.vimeo.com/video/1', 'vimeo'],
    ['https://www.google.com/maps/embed?pb=1', 'google-maps'],
    ['https://maps.googleapis.com/maps/api/js?key=1', 'google-maps'],
    ['https://open.spotify.com/embed/track/1', 'spotify'],
    ['https://w.soundcloud.com/player/?url=1', 'soundcloud'],
  ])('claims %s for %s and nothing else', (url, id) => {
    expect(matches(url)).toEqual([id]);
    expect(heldAs(url)).toBe(id);
  });

  it.each([
    'fonts.googleapis.com/css2?family=Inter',
    'fonts.gstatic.com/s/inter/v1.woff2',
    'www.gstatic.com/charts/loader.js',
    'ajax.googleapis.com/ajax/libs/jquery/3.7.1/jquery.min.js',
    'www.google.com/recaptcha/api.js',
    'www.recaptcha.net/recaptcha/api.js',
    'www.google.com/',
    'www.google.com/search?q=holdback',
    'apis.google.com/js/platform.js',
    'accounts.google.com/gsi/client',
    'storage.googleapis.com/bucket/file.js',
    'cdn.jsdelivr.net/npm/holdback/dist/consent.js',
    'cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js',
    'challenges.cloudflare.com/turnstile/v0/api.js',
    'unpkg.com/preact',
    'code.jquery.com/jquery-3.7.1.min.js',
    'js.stripe.com/v3/',
    'www.paypal.com/sdk/js?client-id=1',
    'www.paypalobjects.com/api/checkout.js',
    's3.amazonaws.com/bucket/file.js',
    'd1234abcd.cloudfront.net/app.js',
    'd31j93rd8oukbv.cloudfront.net/metrika/tag.js',
    'use.typekit.net/abc.css',
    'www.microsoft.com/en-us/',
    'login.microsoftonline.com/common/oauth2',
    'www.bing.com/maps',
    'cdn.cookielaw.org/scripttemplates/otSDKStub.js',
    'consent.cookiebot.com/uc.js',
    'www.linkedin.com/in/someone',
    'media.licdn.com/dms/image/1',
    'i.pinimg.com/originals/1.jpg',
    'www.reddit.com/r/webdev',
    'example.com/app.js',
    'www.example.com/tracking.js',
  ])('claims no service for %s', (url) => {
    expect(matches(url)).toEqual([]);
    expect(heldAs(url)).toBeNull();
  });

  it('never lets one host and path belong to two services', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const service of catalogue.services) {
      for (const host of service.hosts) {
        const other = owner.get(host);
        if (other && other !== service.id) clashes.push(`${host}: ${other} and ${service.id}`);
        owner.set(host, service.id);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('never lets a host of one service cover a host of another', () => {
    const overlaps: string[] = [];
    for (const a of catalogue.services) {
      for (const b of catalogue.services) {
        if (a === b) continue;
        for (const outer of a.hosts) {
          for (const inner of b.hosts) if (covers(outer, inner)) overlaps.push(`${outer} (${a.id}) covers ${inner} (${b.id})`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });

  it('lists the tag managers as loaders and only Google tags under Consent Mode', () => {
    const loaders = catalogue.services.filter((s) => s.loader).map((s) => s.id);
    expect(loaders).toEqual(expect.arrayContaining(['google-tag-manager', 'tealium', 'adobe-launch']));
    expect(loaders).not.toContain('google-tag');
    const consentMode = catalogue.services.filter((s) => s.consentMode).map((s) => s.id);
    expect(consentMode.sort()).toEqual(['floodlight', 'google-ads', 'google-analytics', 'google-tag', 'google-tag-manager']);
  });

  it('lists no bare googletagmanager.com host, nor all of bing.com or microsoft.com', () => {
    const hosts = catalogue.services.flatMap((s) => s.hosts);
    for (const broad of [
      'www.googletagmanager.com',
      'googletagmanager.com',
      'bing.com',
      'www.bing.com',
      'microsoft.com',
      'google.com',
      'www.google.com',
    ]) {
      expect(hosts).not.toContain(broad);
    }
  });

  describe('corrects the errors of the Open Cookie Database', () => {
    const cookie = (id: string, name: string) => byId(id)?.cookies.find((c) => c.name === name);

    it('lists _fbp and _fbc under meta-pixel as first-party cookies', () => {
      expect(cookie('meta-pixel', '_fbp')?.purpose).toMatch(/first-party/i);
      expect(cookie('meta-pixel', '_fbc')?.purpose).toMatch(/first-party/i);
    });

    it('lists _uetsid and _uetvid under microsoft-uet as first-party cookies', () => {
      expect(cookie('microsoft-uet', '_uetsid')?.purpose).toMatch(/first-party/i);
      expect(cookie('microsoft-uet', '_uetvid')?.purpose).toMatch(/first-party/i);
    });

    it('lists li_fat_id under linkedin-insight, a marketing service', () => {
      expect(cookie('linkedin-insight', 'li_fat_id')?.purpose).toMatch(/marketing|ad/i);
      expect(byId('linkedin-insight')?.category).toBe('marketing');
    });

    it('adds _twclid under x-pixel from the review, not from the database', () => {
      const twclid = cookie('x-pixel', '_twclid');
      expect(twclid).toBeDefined();
      expect(twclid?.source).not.toBe('open-cookie-database');
      expect(catalogue.sources[twclid!.source]).toBeDefined();
    });

    it('keeps the prefix cookies of Google Analytics as prefixes', () => {
      expect(cookie('google-analytics', '_ga_*')).toBeDefined();
      expect(cookie('google-analytics', '_ga')).toBeDefined();
    });
  });

  it('names the sources of its seeds with their licences', () => {
    expect(catalogue.sources['third-party-web']).toMatchObject({ version: '0.30.0', licence: 'MIT' });
    expect(catalogue.sources['open-cookie-database']).toMatchObject({ version: '0ee5a17', licence: 'Apache-2.0' });
    expect(catalogue.sources.review).toMatchObject({ licence: 'MIT' });
  });
});
