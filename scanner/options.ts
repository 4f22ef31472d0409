// The command line: `holdback scan <url…> [options]`, checked before anything starts.
import { parseArgs } from 'node:util';
import { UsageError } from './errors';
import type { Severity } from './types';

export interface ScanOptions {
  urls: string[];
  sitemap: boolean;
  maxPages: number;
  concurrency: number;
  runs: number;
  json: string | null;
  html: string | null;
  sarif: string | null;
  junit: string | null;
  config: string | null;
  baseline: string | null;
  failOn: Severity;
  timeoutMs: number;
  settleMs: number;
}

export const USAGE = `Usage: holdback scan <url…> [options]

Loads each page in headless Chromium before any choice, after "Reject all",
on the next pages, after "Accept all" and after withdrawing, and reports what
fired or stayed that should not have.

Options:
  --sitemap              also scan the pages of the site's sitemap
  --max-pages N          scan at most N pages, following same-site links (default 10)
  --concurrency N        scan N pages at a time (default 2)
  --runs N               scan N times and report every finding seen (default 1)
  --json FILE            write the full report as JSON (docs/scan-report.schema.json)
  --html FILE            write a self-contained HTML report
  --sarif FILE           write SARIF 2.1.0 (GitHub code scanning)
  --junit FILE           write JUnit XML (a failed test per finding)
  --config FILE          the site's holdback config (JSON, or a script setting window.consentConfig):
                         compares the declaration with what was seen
  --baseline FILE        a previous --json report: fail only on findings it lacks
  --fail-on LEVEL        violation (default) or warning
  --timeout S            seconds a page may take to load (default 30)
  --settle MS            quiet network time that counts as settled (default 1000)
  -h, --help             show this help
  -v, --version          show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 the scan could not run.`;

function whole(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} takes a whole number from ${min} to ${max}, not "${text}"`);
  }
  return value;
}

export function checkUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`"${text}" is not a URL${/^[\w.-]+(:\d+)?(\/|$)/.test(text) ? ` (did you mean https://${text} or http://${text}?)` : ''}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UsageError(`"${text}" is not an http or https URL${url.protocol.length > 2 && !text.includes('//') ? ` (did you mean http://${text}?)` : ''}`);
  }
  url.hash = '';
  return url.href;
}

export type Parsed = { help: true } | { version: true } | { options: ScanOptions };

export function parseOptions(argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { help: true };
  if (values.version) return { version: true };
  const [command, ...urls] = positionals;
  if (command !== 'scan') throw new UsageError(command ? `unknown command "${command}": the command is "scan"` : 'the command is missing: holdback scan <url…>');
  if (urls.length === 0) throw new UsageError('give at least one URL to scan');
  const failOn = values['fail-on'] ?? 'violation';
  if (failOn !== 'violation' && failOn !== 'warning') throw new UsageError(`--fail-on takes "violation" or "warning", not "${failOn}"`);
  return {
    options: {
      urls: urls.map(checkUrl),
      sitemap: values.sitemap ?? false,
      maxPages: whole('max-pages', values['max-pages'], 10, 1, 1000),
      concurrency: whole('concurrency', values.concurrency, 2, 1, 16),
      runs: whole('runs', values.runs, 1, 1, 10),
      json: values.json ?? null,
      html: values.html ?? null,
      sarif: values.sarif ?? null,
      junit: values.junit ?? null,
      config: values.config ?? null,
      baseline: values.baseline ?? null,
      failOn,
      timeoutMs: whole('timeout', values.timeout, 30, 1, 600) * 1000,
      settleMs: whole('settle', values.settle, 1000, 0, 60_000),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      sitemap: { type: 'boolean' },
      'max-pages': { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
      html: { type: 'string' },
      sarif: { type: 'string' },
      junit: { type: 'string' },
      config: { type: 'string' },
      baseline: { type: 'string' },
      'fail-on': { type: 'string' },
      timeout: { type: 'string' },
      settle: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
