import { describe, expect, it } from 'vitest';
import { compare } from '../../scanner/report/baseline';
import { toHtml } from '../../scanner/report/html';
import type { ScanReport } from '../../scanner/report/json';
import { toJunit } from '../../scanner/report/junit';
import { toSarif } from '../../scanner/report/sarif';
import { summaryTable } from '../../scanner/report/terminal';
import type { Finding } from '../../scanner/types';
import { PAGE, page, phase } from './evidence';

const finding = (extra: Partial<Finding>): Finding => ({
  id: 'request-before-choice / before-choice www.facebook.com/tr/',
  rule: 'request-before-choice',
  severity: 'violation',
  page: PAGE,
  phase: 'before-choice',
  message: 'Meta Pixel (marketing) was contacted before the visitor chose anything: image to www.facebook.com/tr/.',
  subject: 'www.facebook.com/tr/',
  tracker: null,
  element: '<img src="https://www.facebook.com/tr/?id=1&ev=PageView">',
  initiator: ['parser'],
  fix: 'Mark it up.',
  new: true,
  ...extra,
});

function report(findings: Finding[], extra: Partial<ScanReport['options']> = {}): ScanReport {
  return {
    $schema: 'x',
    version: 1,
    tool: { name: 'holdback scan', version: '0.1.0' },
    startedAt: '2026-12-01T00:00:00.000Z',
    durationMs: 4200,
    options: {
      urls: [PAGE],
      sitemap: false,
      maxPages: 10,
      concurrency: 2,
      runs: 1,
      failOn: 'violation',
      timeoutSeconds: 30,
      settleMs: 1500,
      config: null,
      baseline: null,
      ...extra,
    },
    summary: {
      pages: 1,
      pagesFailed: 0,
      violations: 1,
      warnings: 1,
      notices: 0,
      new: 2,
      trackers: 1,
      cookies: 0,
      unknownHosts: 0,
      failed: true,
      incomplete: false,
    },
    pages: [
      page([
        phase('before-choice'),
        phase('after-reject'),
        phase('after-reject-next'),
        phase('after-accept'),
        phase('after-withdraw', { status: 'skipped', reason: 'not now' }),
      ]),
    ],
    findings,
    trackers: [],
    cookies: [],
    storage: [],
    unknownHosts: [],
    strictAllowlist: [],
    suggestedConfig: { categories: { marketing: { services: { 'meta-pixel': {} } } } },
    errors: [],
  };
}

const violation = finding({});
const warning = finding({ id: 'static-tracker-tag / - x', rule: 'static-tracker-tag', severity: 'warning', phase: null, subject: 'x <&> "y"' });

describe('JUnit', () => {
  it('fails a test per finding at or above --fail-on, passes the clean phases, and skips the skipped', () => {
    const xml = toJunit(report([violation, warning]));
    expect(xml).toContain('<testsuites name="holdback scan" tests="5" failures="1" errors="0" time="4.2">');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('name="phase 1: Before any choice: www.facebook.com/tr/"><failure type="request-before-choice"');
    expect(xml).toContain('name="phase 2: After &quot;Reject all&quot;"/>');
    expect(xml).toContain('<skipped message="not now"/>');
    expect(xml).toContain('&lt;img src=&quot;https://www.facebook.com/tr/?id=1&amp;ev=PageView&quot;&gt;');
  });

  it('fails warnings too with --fail-on warning, and never what the baseline knew', () => {
    expect(toJunit(report([violation, warning], { failOn: 'warning' })).match(/<failure /g)).toHaveLength(2);
    expect(toJunit(report([{ ...violation, new: false }, warning])).match(/<failure /g)).toBeNull();
  });
});

describe('SARIF', () => {
  it('lists every rule, and each finding with its level, page and fingerprint', () => {
    const sarif = toSarif(report([violation, warning], { baseline: 'old.json' })) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string }[] } }; results: Record<string, unknown>[] }[];
    };
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run?.tool.driver.rules).toHaveLength(18);
    expect(run?.results[0]).toMatchObject({
      ruleId: 'request-before-choice',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'shop.example/' } } }],
      properties: expect.objectContaining({ url: PAGE }),
      partialFingerprints: { holdbackFinding: violation.id },
      baselineState: 'new',
    });
    expect(run?.results[1]).toMatchObject({ level: 'warning' });
    expect(run?.tool.driver.rules[run?.results[1]?.ruleIndex as number]?.id).toBe('static-tracker-tag');
  });
});

describe('baseline', () => {
  it('marks findings the baseline has as known', () => {
    expect(compare([violation, warning], new Set([violation.id])).map((f) => f.new)).toEqual([false, true]);
    expect(compare([violation], null).map((f) => f.new)).toEqual([true]);
  });
});

describe('HTML', () => {
  it('puts the verdict and the violations first, escapes what pages carry, and runs no script', () => {
    const html = toHtml(report([violation, warning]));
    expect(html.indexOf('The scan failed')).toBeLessThan(html.indexOf('<h2>Violations</h2>'));
    expect(html.indexOf('<h2>Violations</h2>')).toBeLessThan(html.indexOf('<h2>Phase by phase</h2>'));
    expect(html).toContain('&lt;img src=&quot;https://www.facebook.com/tr/?id=1&amp;ev=PageView&quot;&gt;');
    expect(html).not.toMatch(/<script|<link|src="http/);
    expect(html).toContain('&quot;meta-pixel&quot;: {}');
  });
});

describe('terminal', () => {
  it('prints a table of findings and the counts', () => {
    const text = summaryTable(report([violation, { ...warning, new: false }], { baseline: 'old.json' }), 100);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^severity\s+rule\s+page\s+phase\s+what/);
    expect(lines[2]).toMatch(/^violation\s+request-before-choice\s+\/\s+1 before-choice\s+www\.facebook\.com\/tr\//);
    expect(lines[3]).toMatch(/^warning\*/);
    expect(text).toContain('* already in the baseline');
    expect(text).toContain('1 violation(s), 1 warning(s), 0 notice(s), 2 new since the baseline.');
  });
});
