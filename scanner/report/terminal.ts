// What a person reads in the terminal: a line per page as it finishes, then
// the findings as a table and a one-line verdict.
import type { Progress } from '../crawl';
import { PHASES } from '../types';
import type { ScanReport } from './json';

// What pages put in names (storage keys, a consent manager's name) reaches the terminal without its control characters.
const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
const pad = (raw: string, width: number) => {
  const text = clean(raw);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width);
};

const path = (url: string) => {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return url;
  }
};

export function progressLine({ run, index, total, result }: Progress, runs: number): string {
  const counter = `[${runs > 1 ? `run ${run} ` : ''}${index + 1}/${total}]`;
  if (result.error) return clean(`${counter} ${result.url}  could not be scanned: ${result.error}`);
  const done = result.phases.filter((p) => p.status === 'done').length;
  const requests = result.phases.reduce((n, p) => n + p.requests.length, 0);
  const manager = result.consentManager ? result.consentManager.name : 'no consent banner';
  return clean(`${counter} ${result.url}  ${manager}  ${done}/${PHASES.length} phases  ${requests} requests  ${(result.durationMs / 1000).toFixed(1)} s`);
}

export function summaryTable(report: ScanReport, width = 120): string {
  const lines: string[] = [];
  const { summary } = report;
  const findings = report.findings;
  if (findings.length) {
    const columns = [10, 24, 22, 19];
    const rest = Math.max(30, width - columns.reduce((a, b) => a + b + 2, 0));
    lines.push(['severity', 'rule', 'page', 'phase', 'what'].map((h, i) => pad(h, columns[i] ?? rest)).join('  '));
    lines.push(['', '', '', '', ''].map((_, i) => '-'.repeat(columns[i] ?? rest)).join('  '));
    for (const f of findings) {
      const severity = `${f.severity}${f.new === false ? '*' : ''}`;
      lines.push([pad(severity, 10), pad(f.rule, 24), pad(path(f.page), 22), pad(f.phase ? `${PHASES.find((p) => p.id === f.phase)?.number} ${f.phase}` : '-', 19), pad(f.subject, rest)].join('  '));
    }
    if (findings.some((f) => f.new === false)) lines.push('* already in the baseline');
    lines.push('');
  }
  lines.push(
    `${summary.pages} page(s), ${summary.trackers} tracker(s), ${summary.cookies} cookie(s), ${summary.unknownHosts} unknown third-party host(s).`,
    `${summary.violations} violation(s), ${summary.warnings} warning(s), ${summary.notices} notice(s)${report.options.baseline ? `, ${summary.new} new since the baseline` : ''}.`,
  );
  for (const error of report.errors) lines.push(`could not scan ${error.url}: ${error.message}`);
  return lines.join('\n');
}
