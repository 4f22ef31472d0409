// The JSON report: everything the scan saw and concluded, in the versioned
// shape docs/scan-report.schema.json describes. The other reports are made from it.
import type { Inventory } from '../inventory';
import type { Finding, PageResult, Severity } from '../types';

export const REPORT_VERSION = 1;

export interface ScanReport {
  $schema: string;
  version: typeof REPORT_VERSION;
  tool: { name: 'holdback scan'; version: string };
  startedAt: string;
  durationMs: number;
  options: {
    urls: string[];
    sitemap: boolean;
    maxPages: number;
    concurrency: number;
    runs: number;
    failOn: Severity;
    timeoutSeconds: number;
    settleMs: number;
    config: string | null;
    baseline: string | null;
  };
  summary: {
    pages: number;
    pagesFailed: number;
    violations: number;
    warnings: number;
    notices: number;
    /** Findings the baseline lacks (all of them without --baseline). */
    new: number;
    trackers: number;
    cookies: number;
    unknownHosts: number;
    /** Whether the findings at or above --fail-on fail the scan. */
    failed: boolean;
    /** Whether a URL given on the command line could not be scanned in any run (exit 2). */
    incomplete: boolean;
  };
  pages: PageResult[];
  findings: Finding[];
  trackers: Inventory['trackers'];
  cookies: Inventory['cookies'];
  storage: Inventory['storage'];
  unknownHosts: Inventory['unknownHosts'];
  strictAllowlist: string[];
  suggestedConfig: Record<string, unknown>;
  errors: { url: string; message: string }[];
}

export const SCHEMA_ID = 'https://github.com/holdback/holdback/blob/main/docs/scan-report.schema.json';
