// Which pages a scan visits: the URLs given, the sitemap's, then same-site
// links in the order pages are listed and links appear in them. Nothing is
// random, so two scans of an unchanged site visit the same pages.
import { getDomain } from 'tldts';

const SKIPPED_PATH = /(^|[/_=?&.-])(log-?out|sign-?out|logoff|unsubscribe)([/_.?&=-]|$)/i;
const DOWNLOAD = /\.(pdf|zip|gz|tgz|rar|7z|dmg|exe|msi|pkg|deb|rpm|apk|iso|csv|xlsx?|docx?|pptx?|mp3|mp4|mov|avi|webm|wav|jpe?g|png|gif|webp|svg|ics|epub)$/i;

/** A URL without its fragment, or null when it is not http(s). */
export function pageUrl(href: string, base?: string): string | null {
  try {
    const url = new URL(href, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    url.hash = '';
    return url.href;
  } catch {
    return null;
  }
}

export function sameSite(a: string, b: string): boolean {
  const site = (url: string) => {
    const { hostname } = new URL(url);
    return getDomain(hostname, { allowPrivateDomains: true }) ?? hostname;
  };
  return site(a) === site(b);
}

export interface Link {
  href: string;
  /** The link's `download` attribute was there. */
  download: boolean;
  /** Its `rel`, for rel="nofollow" and similar. */
  rel: string;
}

/** The links of a page worth scanning: same site, not logging out, not downloading a file, each once, in document order. */
export function pickLinks(links: readonly Link[], page: string): string[] {
  const picked: string[] = [];
  for (const link of links) {
    const url = pageUrl(link.href, page);
    if (!url || link.download || /\bnofollow\b/i.test(link.rel)) continue;
    const { pathname, search } = new URL(url);
    if (!sameSite(url, page) || SKIPPED_PATH.test(pathname) || SKIPPED_PATH.test(search) || DOWNLOAD.test(pathname)) continue;
    if (!picked.includes(url)) picked.push(url);
  }
  return picked;
}

export interface Sitemap {
  pages: string[];
  /** A sitemap index lists other sitemaps. */
  sitemaps: string[];
}

/** The <loc> entries of a sitemap or a sitemap index. */
export function parseSitemap(xml: string, base: string): Sitemap {
  const locs = [...xml.matchAll(/<loc>\s*([^<]+?)\s*<\/loc>/gi)]
    .map((m) => pageUrl(unescapeXml(m[1] ?? ''), base))
    .filter((url): url is string => !!url);
  return /<sitemapindex[\s>]/i.test(xml) ? { pages: [], sitemaps: locs } : { pages: locs, sitemaps: [] };
}

function unescapeXml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[name] ?? '');
}

/**
 * The scan's page list as it grows: the seeds first, then each page's links in
 * turn, page by page in list order, whatever order the pages finish in.
 */
export class PageList {
  readonly pages: string[] = [];
  private readonly links = new Map<number, string[]>();
  private expanded = 0;

  constructor(
    seeds: readonly string[],
    private readonly max: number,
  ) {
    for (const seed of seeds) this.add(seed);
  }

  private add(url: string) {
    if (this.pages.length < this.max && !this.pages.includes(url)) this.pages.push(url);
  }

  /** Records the links page `index` carries; pages join the list in a fixed order. */
  found(index: number, links: readonly string[]) {
    this.links.set(index, [...links]);
    while (this.links.has(this.expanded)) {
      for (const link of this.links.get(this.expanded) ?? []) this.add(link);
      this.expanded++;
    }
  }

  /** Whether pages still to be reported could add more to the list. */
  mayGrow(): boolean {
    return this.pages.length < this.max && this.expanded < this.pages.length;
  }
}
