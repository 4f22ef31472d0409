// JUnit XML, which every CI shows: a test suite per page, a test case per
// phase that passed, and a failed test case per finding at or above --fail-on.
import { SEVERITY_RANK } from '../findings';
import { PHASES } from '../types';
import type { ScanReport } from './json';

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function toJunit(report: ScanReport): string {
  const failing = (severity: keyof typeof SEVERITY_RANK, isNew: boolean | undefined) => isNew !== false && SEVERITY_RANK[severity] >= SEVERITY_RANK[report.options.failOn];
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const pages = [...new Set(report.pages.map((p) => p.url))];
  for (const url of pages) {
    const runs = report.pages.filter((p) => p.url === url);
    const cases: string[] = [];
    let suiteFailures = 0;
    const error = runs.find((p) => p.error)?.error;
    if (error) {
      cases.push(`    <testcase classname="${escape(url)}" name="load the page"><error message="${escape(error)}"/></testcase>`);
      errors++;
    }
    const findings = report.findings.filter((f) => f.page === url);
    for (const phase of PHASES) {
      const evidence = runs.flatMap((p) => p.phases).filter((p) => p.phase === phase.id);
      if (evidence.length === 0) continue;
      const name = `phase ${phase.number}: ${phase.title}`;
      const failed = findings.filter((f) => f.phase === phase.id && failing(f.severity, f.new));
      if (evidence.every((e) => e.status !== 'done') && failed.length === 0) {
        // A phase that broke is an error of the test, not a pass; one left out on purpose is skipped.
        const broken = evidence.find((e) => e.status === 'failed');
        const outcome = broken ? `<error message="${escape(broken.reason ?? 'failed')}"/>` : `<skipped message="${escape(evidence[0]?.reason ?? 'skipped')}"/>`;
        if (broken) errors++;
        cases.push(`    <testcase classname="${escape(url)}" name="${escape(name)}">${outcome}</testcase>`);
        continue;
      }
      if (failed.length === 0) cases.push(`    <testcase classname="${escape(url)}" name="${escape(name)}"/>`);
      for (const finding of failed) {
        cases.push(
          `    <testcase classname="${escape(url)}" name="${escape(`${name}: ${finding.subject}`)}"><failure type="${finding.rule}" message="${escape(finding.message)}">${escape(
            [finding.message, finding.element ? `Element: ${finding.element}` : '', `Fix: ${finding.fix}`].filter(Boolean).join('\n'),
          )}</failure></testcase>`,
        );
        suiteFailures++;
      }
    }
    for (const finding of findings.filter((f) => f.phase === null && failing(f.severity, f.new))) {
      cases.push(
        `    <testcase classname="${escape(url)}" name="${escape(`${finding.rule}: ${finding.subject}`)}"><failure type="${finding.rule}" message="${escape(finding.message)}">${escape(
          [finding.message, finding.element ? `Element: ${finding.element}` : '', `Fix: ${finding.fix}`].filter(Boolean).join('\n'),
        )}</failure></testcase>`,
      );
      suiteFailures++;
    }
    tests += cases.length;
    failures += suiteFailures;
    suites.push(`  <testsuite name="${escape(url)}" tests="${cases.length}" failures="${suiteFailures}" errors="${error ? 1 : 0}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="holdback scan" tests="${tests}" failures="${failures}" errors="${errors}" time="${(report.durationMs / 1000).toFixed(1)}">\n${suites.join('\n')}\n</testsuites>\n`;
}
