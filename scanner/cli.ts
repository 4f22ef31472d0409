// `holdback scan`: checks the command line, scans, writes the reports, and
// exits 0 (nothing at or above --fail-on), 1 (findings) or 2 (could not scan).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { version } from '../package.json';
import type { Config } from '../src/config/types';
import { launch } from './browser';
import { createClassifier } from './classify';
import { readConfig } from './config-file';
import { crawl } from './crawl';
import { ScanError, UsageError } from './errors';
import { judge, SEVERITY_RANK } from './findings';
import { inventory } from './inventory';
import { parseOptions, type ScanOptions, USAGE } from './options';
import { compare, readBaseline } from './report/baseline';
import { toHtml } from './report/html';
import { REPORT_VERSION, SCHEMA_ID, type ScanReport } from './report/json';
import { toJunit } from './report/junit';
import { toSarif } from './report/sarif';
import { progressLine, summaryTable } from './report/terminal';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const consoleIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export async function main(argv: readonly string[], io: Io = consoleIo): Promise<number> {
  try {
    const parsed = parseOptions(argv);
    if ('help' in parsed) {
      io.out(USAGE);
      return 0;
    }
    if ('version' in parsed) {
      io.out(version);
      return 0;
    }
    return await scan(parsed.options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`holdback: ${error.message}\nRun "holdback --help" for the options.`);
      return 2;
    }
    if (error instanceof ScanError) {
      io.err(`holdback: ${error.message}`);
      return 2;
    }
    // A bug of ours, not the user's mistake: say so, with what helps to report it.
    io.err(`holdback: the scan stopped on an unexpected error, please report it: ${(error as Error)?.stack ?? String(error)}`);
    return 2;
  }
}

async function scan(options: ScanOptions, io: Io): Promise<number> {
  const config: Config | null = options.config ? readConfig(options.config) : null;
  const known = options.baseline ? readBaseline(options.baseline) : null;
  const classify = createClassifier(config ?? {});
  const startedAt = new Date();
  if (options.urls.length > options.maxPages) io.err(`holdback: --max-pages ${options.maxPages} scans only the first ${options.maxPages} of the ${options.urls.length} URLs given`);
  const chromium = await launch();
  // Stopped by Ctrl+C or the CI: the browser and its profile go too.
  const stop = (signal: NodeJS.Signals) => {
    void chromium.close().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let pages: Awaited<ReturnType<typeof crawl>>;
  try {
    pages = await crawl(chromium.browser, options, (progress) => io.err(progressLine(progress, options.runs)));
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await chromium.close();
  }

  const errors = pages.filter((p) => p.error).map((p) => ({ url: p.url, message: p.error ?? '' }));
  // With --runs, a page that loaded in any run was scanned; one that never did was not.
  const unscanned = [...new Set(errors.map((e) => e.url))].filter((url) => pages.filter((p) => p.url === url).every((p) => p.error));
  const findings = compare(judge(pages, classify, { declaration: config !== null }), known);
  const seen = inventory(pages, classify);
  const failing = findings.filter((f) => f.new !== false && SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.failOn]);
  const count = (severity: string) => findings.filter((f) => f.severity === severity).length;
  const report: ScanReport = {
    $schema: SCHEMA_ID,
    version: REPORT_VERSION,
    tool: { name: 'holdback scan', version },
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    options: {
      urls: options.urls,
      sitemap: options.sitemap,
      maxPages: options.maxPages,
      concurrency: options.concurrency,
      runs: options.runs,
      failOn: options.failOn,
      timeoutSeconds: options.timeoutMs / 1000,
      settleMs: options.settleMs,
      config: options.config,
      baseline: options.baseline,
    },
    summary: {
      pages: new Set(pages.map((p) => p.url)).size,
      pagesFailed: unscanned.length,
      violations: count('violation'),
      warnings: count('warning'),
      notices: count('notice'),
      new: findings.filter((f) => f.new !== false).length,
      trackers: seen.trackers.length,
      cookies: seen.cookies.length,
      unknownHosts: seen.unknownHosts.length,
      failed: failing.length > 0,
      incomplete: unscanned.some((url) => options.urls.includes(url)),
    },
    pages,
    findings,
    trackers: seen.trackers,
    cookies: seen.cookies,
    storage: seen.storage,
    unknownHosts: seen.unknownHosts,
    strictAllowlist: seen.allowlist,
    suggestedConfig: seen.suggestedConfig,
    errors,
  };

  write(options.json, `${JSON.stringify(report, null, 2)}\n`);
  write(options.html, toHtml(report));
  write(options.sarif, `${JSON.stringify(toSarif(report), null, 2)}\n`);
  write(options.junit, toJunit(report));
  io.out(summaryTable(report, process.stdout.columns || 120));

  // A URL the user gave that could not be scanned in any run means the scan did not run as asked.
  const given = unscanned.filter((url) => options.urls.includes(url));
  if (given.length) {
    io.err(`holdback: could not scan ${given.map((url) => errors.find((e) => e.url === url)?.message ?? url).join('; ')}`);
    return 2;
  }
  return failing.length ? 1 : 0;
}

function write(path: string | null, text: string) {
  if (!path) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new ScanError(`cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}
