// Runs the scan: pages in a fixed order, up to `concurrency` at a time, each
// through its phases; `runs` repeats the whole scan and keeps every page's
// evidence, so that findings are the union of the runs.
import type { Browser } from 'playwright-core';
import { firstLine } from './browser';
import { PageList, pageUrl, parseSitemap, pickLinks } from './pages';
import { PageError, scanPage, type Timing } from './phases';
import type { PageResult } from './types';

export interface CrawlOptions extends Timing {
  urls: string[];
  sitemap: boolean;
  maxPages: number;
  concurrency: number;
  runs: number;
}

export interface Progress {
  run: number;
  index: number;
  total: number;
  result: PageResult;
}

/**
 * The sitemap's pages for each site among the URLs (robots.txt's Sitemap
 * lines, else /sitemap.xml), same-site and worth scanning as links are, at most `limit`.
 */
export async function sitemapPages(urls: readonly string[], timeoutMs: number, limit: number): Promise<string[]> {
  const pages: string[] = [];
  const fetchText = async (url: string) => {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
      return response.ok ? await response.text() : null;
    } catch {
      return null;
    }
  };
  for (const origin of new Set(urls.map((url) => new URL(url).origin))) {
    const robots = (await fetchText(`${origin}/robots.txt`)) ?? '';
    const listed = [...robots.matchAll(/^\s*sitemap:\s*(\S+)/gim)].map((m) => pageUrl(m[1] ?? '', origin)).filter((u): u is string => !!u);
    const queue = listed.length ? listed : [`${origin}/sitemap.xml`];
    // A sitemap index is followed one level down, in its order.
    for (let i = 0; i < queue.length && i < 50 && pages.length < limit; i++) {
      const xml = await fetchText(queue[i] ?? '');
      if (!xml) continue;
      const map = parseSitemap(xml, queue[i] ?? origin);
      const seed = urls.find((url) => new URL(url).origin === origin) ?? origin;
      for (const page of pickLinks(map.pages.map((href) => ({ href, download: false, rel: '' })), seed)) {
        if (pages.length >= limit) break;
        if (!pages.includes(page)) pages.push(page);
      }
      if (i < listed.length || queue.length === 1) for (const sitemap of map.sitemaps) queue.push(sitemap);
    }
  }
  return pages;
}

export async function crawl(browser: Browser, options: CrawlOptions, onPage: (progress: Progress) => void): Promise<PageResult[]> {
  const seeds = [...options.urls];
  if (options.sitemap) for (const page of await sitemapPages(options.urls, options.timeoutMs, options.maxPages)) seeds.push(page);
  const results: PageResult[] = [];
  for (let run = 1; run <= options.runs; run++) {
    results.push(...(await crawlOnce(browser, seeds, options, run, onPage)));
  }
  return results;
}

async function crawlOnce(
  browser: Browser,
  seeds: string[],
  options: CrawlOptions,
  run: number,
  onPage: (progress: Progress) => void,
): Promise<PageResult[]> {
  const list = new PageList(seeds, options.maxPages);
  const results: PageResult[] = [];
  let started = 0;
  let waiting: (() => void)[] = [];

  const worker = async () => {
    for (;;) {
      if (started >= list.pages.length) {
        if (!list.mayGrow()) return;
        // Wait for a page before this one to report its links.
        await new Promise<void>((resolve) => waiting.push(resolve));
        continue;
      }
      const index = started++;
      const url = list.pages[index] ?? '';
      const result = await scanOne(browser, url, options);
      results[index] = result;
      list.found(index, result.links);
      onPage({ run, index, total: list.pages.length, result });
      const woken = waiting;
      waiting = [];
      for (const wake of woken) wake();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  return results.filter(Boolean);
}

async function scanOne(browser: Browser, url: string, options: CrawlOptions): Promise<PageResult> {
  const started = Date.now();
  try {
    return await scanPage(browser, url, options);
  } catch (error) {
    const message = error instanceof PageError ? error.message : `${url}: ${firstLine(error)}`;
    return { url, document: url, consentManager: null, phases: [], links: [], tags: [], error: message, durationMs: Date.now() - started };
  }
}
