import { describe, expect, it } from 'vitest';
import { PageList, pickLinks, parseSitemap } from '../../scanner/pages';

const link = (href: string, extra: Partial<{ download: boolean; rel: string }> = {}) => ({ href, download: false, rel: '', ...extra });

describe('pickLinks', () => {
  const page = 'https://www.shop.example/products/';

  it('keeps same-site pages once each, in document order, without fragments', () => {
    expect(
      pickLinks(
        [
          link('/about'),
          link('https://cdn.shop.example/help'),
          link('/about#team'),
          link('https://other.example/'),
          link('?page=2'),
          link('mailto:a@shop.example'),
        ],
        page,
      ),
    ).toEqual(['https://www.shop.example/about', 'https://cdn.shop.example/help', 'https://www.shop.example/products/?page=2']);
  });

  it('skips logging out, downloads and nofollow links', () => {
    expect(
      pickLinks(
        [
          link('/logout'),
          link('/account/sign-out?next=/'),
          link('/session?action=logout'),
          link('/files/prices.PDF'),
          link('/brochure', { download: true }),
          link('/ads', { rel: 'sponsored nofollow' }),
          link('/login'),
        ],
        page,
      ),
    ).toEqual(['https://www.shop.example/login']);
  });

  it('treats registrable domains under public suffixes as different sites', () => {
    expect(pickLinks([link('https://other.github.io/'), link('https://shop.github.io/a')], 'https://shop.github.io/')).toEqual([
      'https://shop.github.io/a',
    ]);
  });
});

describe('parseSitemap', () => {
  it('reads the pages of a sitemap, unescaping entities', () => {
    const xml = `<?xml version="1.0"?><urlset><url><loc> https://shop.example/a?x=1&amp;y=2 </loc></url><url><loc>/b</loc></url></urlset>`;
    expect(parseSitemap(xml, 'https://shop.example/sitemap.xml')).toEqual({
      pages: ['https://shop.example/a?x=1&y=2', 'https://shop.example/b'],
      sitemaps: [],
    });
  });

  it('tells a sitemap index by its root element', () => {
    const xml = '<sitemapindex><sitemap><loc>https://shop.example/s1.xml</loc></sitemap></sitemapindex>';
    expect(parseSitemap(xml, 'https://shop.example/')).toEqual({ pages: [], sitemaps: ['https://shop.example/s1.xml'] });
  });
});

describe('PageList', () => {
  it('adds links page by page in list order, whatever order the pages finish in', () => {
    const list = new PageList(['/1'], 5);
    expect(list.mayGrow()).toBe(true);
    list.found(0, ['/2', '/3']);
    // Page 3 reports before page 2: its links wait until page 2's are in.
    list.found(2, ['/from-3']);
    expect(list.pages).toEqual(['/1', '/2', '/3']);
    list.found(1, ['/from-2', '/1']);
    expect(list.pages).toEqual(['/1', '/2', '/3', '/from-2', '/from-3']);
    expect(list.mayGrow()).toBe(false);
  });

  it('stops at the maximum and keeps the seeds first', () => {
    const list = new PageList(['/a', '/b', '/a'], 2);
    list.found(0, ['/c']);
    expect(list.pages).toEqual(['/a', '/b']);
  });
});
