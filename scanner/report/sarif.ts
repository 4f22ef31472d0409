// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. A scan cannot
// know which source file made a tag, so a finding's location is its page, as a
// relative URI (host and path: GitHub refuses a whole upload whose URIs have
// another scheme than the checkout's), with the full URL in its properties.
import { RULES } from '../rules';
import type { Rule, Severity } from '../types';
import type { ScanReport } from './json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { violation: 'error', warning: 'warning', notice: 'note' };

export function toSarif(report: ScanReport): object {
  const ids = Object.keys(RULES) as Rule[];
  const withBaseline = report.options.baseline !== null;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'holdback scan',
            version: report.tool.version,
            informationUri: 'https://github.com/holdback/holdback#scanner',
            rules: ids.map((id) => ({
              id,
              name: id.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase()),
              shortDescription: { text: RULES[id].title },
              fullDescription: { text: RULES[id].description },
              defaultConfiguration: { level: LEVEL[RULES[id].severity] },
            })),
          },
        },
        invocations: [{ executionSuccessful: report.errors.length === 0, startTimeUtc: report.startedAt }],
        results: report.findings.map((finding) => ({
          ruleId: finding.rule,
          ruleIndex: ids.indexOf(finding.rule),
          level: LEVEL[finding.severity],
          message: { text: `${finding.message} Fix: ${finding.fix}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(finding.page) } } }],
          partialFingerprints: { holdbackFinding: finding.id },
          ...(withBaseline ? { baselineState: finding.new ? 'new' : 'unchanged' } : {}),
          properties: { url: finding.page, phase: finding.phase, subject: finding.subject, element: finding.element, tracker: finding.tracker?.id ?? null, initiator: finding.initiator },
        })),
      },
    ],
  };
}

/** `https://shop.example/a?b=1` → `shop.example/a?b=1`. */
export function relativeUri(url: string): string {
  try {
    const { host, pathname, search } = new URL(url);
    return `${host}${pathname}${search}`;
  } catch {
    return encodeURI(url);
  }
}
