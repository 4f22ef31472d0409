import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { chromiumPath } from './chromium.js';
import type { ScanReport } from '../scanner/report/json';
import type { Finding } from '../scanner/types';
import { type Fixtures, startFixtures } from './scan-fixtures';

// The real CLI (dist/holdback.js, as npx runs it) against local fixture sites.

const CLI = new URL('../dist/holdback.js', import.meta.url).pathname;
const SCHEMA = JSON.parse(readFileSync(new URL('../docs/scan-report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: false, formats: { 'date-time': /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/ } }).compile(
  SCHEMA,
);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  report: ScanReport;
  dir: string;
}

let fixtures: Fixtures;
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
test.beforeAll(async () => {
  fixtures = await startFixtures();
});
test.afterAll(async () => {
  await fixtures.close();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, HOLDBACK_CHROMIUM: chromiumPath(), HOLDBACK_SCAN_HOST_RULES: 'MAP * 127.0.0.1', ...env }, timeout: 170_000 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

async function scan(paths: string[], extra: string[] = []): Promise<Run> {
  const dir = tempDir('holdback-test-scan-');
  const json = join(dir, 'report.json');
  const result = await cli(['scan', ...paths.map((p) => fixtures.url(p)), '--settle', '400', '--timeout', '15', '--json', json, ...extra]);
  let report = null as unknown as ScanReport;
  try {
    report = JSON.parse(readFileSync(json, 'utf8'));
  } catch {
    // No report: the assertions on the exit code say why.
  }
  if (report) expect(validate(report), JSON.stringify(validate.errors?.slice(0, 5))).toBe(true);
  return { ...result, report, dir };
}

function one(run: Run, test: (finding: Finding) => boolean): Finding {
  const found = run.report.findings.find(test);
  if (!found) throw new Error(`no such finding among:\n${rules(run).join('\n')}`);
  return found;
}

const rules = (run: Run): string[] => run.report.findings.map((f) => `${f.rule} ${new URL(f.page).pathname} ${f.phase ?? '-'} ${f.subject}`);

test.describe.configure({ timeout: 180_000 });

test('an unmarked Meta Pixel fires before any choice: violations with the snippet that sent it', async () => {
  const run = await scan(['/meta/'], ['--max-pages', '1']);
  expect(run.code, run.stderr).toBe(1);
  const page = run.report.pages[0] as ScanReport['pages'][number];
  expect(page.consentManager).toBeNull();
  expect(page.phases.filter((p) => p.status === 'done').map((p) => p.phase)).toEqual(['before-choice']);
  const loader = one(run, (f) => f.rule === 'request-before-choice' && f.subject.startsWith('connect.facebook.net'));
  expect(loader.tracker?.id).toBe('meta-pixel');
  expect(loader.severity).toBe('violation');
  // The element is the inline snippet from the HTML, and the fix marks it up.
  expect(loader.element).toContain("fbq('init', '1234567890')");
  expect(loader.fix).toContain('<script type="text/plain" data-category="marketing">');
  const beacon = one(run, (f) => f.rule === 'request-before-choice' && f.subject.startsWith('www.facebook.com'));
  expect(beacon.tracker?.id).toBe('meta-pixel');
  const cookie = one(run, (f) => f.rule === 'cookie-before-choice' && f.subject === '_fbp');
  expect(cookie.element).toContain('document.cookie set by https://connect.facebook.net:');
  // Meta's own cookies, set by its beacon's response: HttpOnly and partitioned ones are in the jar too.
  const jar = page?.phases[0]?.cookies ?? [];
  expect(jar.find((c) => c.name === 'fr')).toMatchObject({ domain: '.facebook.com', httpOnly: true, partitioned: false });
  expect(jar.find((c) => c.name === 'ps_n')).toMatchObject({ domain: 'www.facebook.com', partitioned: true });
  const fr = one(run, (f) => f.rule === 'cookie-before-choice' && f.subject === 'fr');
  expect(fr.element).toBe('Set-Cookie from www.facebook.com/tr/');
  expect(fr.message).toContain('on .facebook.com, HttpOnly');
  // The noscript pixel never loads with scripts on, so it is not a static tag.
  expect(run.report.findings.some((f) => f.rule === 'static-tracker-tag')).toBe(false);
  expect(run.stdout).toContain('request-before-choice');
  expect(run.stderr).toMatch(/\[1\/1\] http:\/\/127\.0\.0\.1:\d+\/meta\/ {2}no consent banner/);
});

test('a URL that redirects is judged by the page it lands on, with the elements of that page', async () => {
  const run = await scan(['/redirect/'], ['--max-pages', '1']);
  expect(run.code, run.stderr).toBe(1);
  expect(run.report.pages[0]?.document).toBe(fixtures.url('/meta/'));
  expect(run.report.pages[0]?.phases[0]?.views).toEqual([fixtures.url('/redirect/'), fixtures.url('/meta/')]);
  const loader = one(run, (f) => f.rule === 'request-before-choice' && f.subject.startsWith('connect.facebook.net'));
  expect(loader.element).toContain("fbq('init', '1234567890')");
});

test('a fully gated page passes every phase, and the pixel fires only after "Accept all"', async () => {
  const run = await scan(['/gated/'], ['--max-pages', '1']);
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  const page = run.report.pages[0] as ScanReport['pages'][number];
  expect(page.consentManager).toEqual({ kind: 'holdback', name: 'holdback' });
  expect(page.phases.map((p) => `${p.phase} ${p.status}`)).toEqual([
    'before-choice done',
    'after-reject done',
    'after-reject-next done',
    'after-accept done',
    'after-withdraw done',
  ]);
  // Phase 3 reloads, then goes on to the first link; phase 5 is the next page view after withdrawal.
  expect(page.phases[2]?.views.map((u: string) => new URL(u).pathname)).toEqual(['/gated/', '/gated/about']);
  const hosts = (phase: string) => (page.phases.find((p) => p.phase === phase)?.requests ?? []).map((r) => new URL(r.url).hostname);
  expect(hosts('before-choice')).not.toContain('connect.facebook.net');
  expect(hosts('after-accept')).toContain('connect.facebook.net');
  expect(hosts('after-accept')).toContain('www.facebook.com');
  expect(hosts('after-withdraw')).not.toContain('connect.facebook.net');
  expect(run.report.findings.filter((f) => f.severity !== 'notice')).toEqual([]);
  expect(run.report.trackers.map((t) => t.service.id)).toEqual(['meta-pixel']);
  expect((run.report.suggestedConfig as { categories: Record<string, { services?: unknown }> }).categories.marketing?.services).toEqual({
    'meta-pixel': {},
  });
  expect(run.stdout).toContain('0 violation(s)');
});

test('of four linked pages only page 3 leaks, through a pixel in its HTML; pages are chosen in a fixed order', async () => {
  const run = await scan(['/multi/'], ['--max-pages', '4', '--concurrency', '2']);
  expect(run.code, run.stderr).toBe(1);
  expect(run.report.pages.map((p) => new URL(p.url).pathname)).toEqual(['/multi/', '/multi/2', '/multi/3', '/multi/4']);
  const pages = new Set(run.report.findings.filter((f) => f.severity !== 'notice').map((f) => new URL(f.page).pathname));
  expect([...pages]).toEqual(['/multi/3']);
  const tag = one(run, (f) => f.rule === 'static-tracker-tag');
  expect(tag.element).toContain('<img src="https://www.facebook.com:');
  expect(tag.fix).toContain('<img data-category="marketing" data-src="https://www.facebook.com:');
  const request = one(run, (f) => f.rule === 'request-before-choice');
  expect(request.element).toContain('<img src=');
  expect(rules(run)).toContain('request-after-reject /multi/3 after-reject-next www.facebook.com/tr');
});

test('--sitemap follows robots.txt and a sitemap index; --runs repeats the same pages and keeps each finding once', async () => {
  const run = await scan(['/gated/'], ['--sitemap', '--max-pages', '3', '--runs', '2']);
  expect(run.code, run.stderr).toBe(1);
  const visited = run.report.pages.map((p) => new URL(p.url).pathname);
  expect(visited).toEqual(['/gated/', '/gated/about', '/first-party/', '/gated/', '/gated/about', '/first-party/']);
  expect(run.report.summary.pages).toBe(3);
  expect(rules(run).filter((r) => r.startsWith('cookie-before-choice'))).toEqual([
    'cookie-before-choice /first-party/ before-choice _ga',
    'cookie-before-choice /first-party/ before-choice _pk_id.1.a1b2',
  ]);
  expect(run.stderr).toContain('[run 2 3/3]');
});

test('a first-party script that sets _ga- and _pk_id-style cookies before consent is named with its line', async () => {
  const run = await scan(['/first-party/'], ['--max-pages', '1']);
  expect(run.code, run.stderr).toBe(1);
  const cookies = run.report.findings.filter((f) => f.rule === 'cookie-before-choice');
  expect(cookies.map((f) => f.subject).sort()).toEqual(['_ga', '_pk_id.1.a1b2']);
  for (const finding of cookies) {
    expect(finding.element).toBe(`document.cookie set by ${fixtures.url('/first-party/analytics.js')} (line ${finding.subject === '_ga' ? 3 : 4})`);
    expect(finding.tracker?.category).toBe('statistics');
  }
  expect(cookies.find((f) => f.subject === '_pk_id.1.a1b2')?.tracker?.name).toMatch(/^Matomo/);
});

test('a tag that keeps tracking after "Reject all" on the next page is a violation of phase 3', async () => {
  const run = await scan(['/reject-leak/'], ['--max-pages', '1']);
  expect(run.code, run.stderr).toBe(1);
  // It fires wherever a decision is stored: after rejecting, and after withdrawing too.
  expect(rules(run).filter((r: string) => r.startsWith('request-'))).toEqual([
    'request-after-reject /reject-leak/ after-reject-next px.ads.linkedin.com/collect/',
    'request-after-withdraw /reject-leak/ after-withdraw px.ads.linkedin.com/collect/',
  ]);
  const finding = one(run, (f) => f.rule === 'request-after-reject');
  expect(finding.element).toBe('<script src="/reject-leak/tag.js">');
  expect(finding.fix).toContain('does not ask the consent manager');
});

test('tracking after withdrawal, and an undeclared cookie left behind, are violations of phase 5', async () => {
  const run = await scan(['/withdraw-leak/'], ['--max-pages', '1']);
  expect(run.code, run.stderr).toBe(1);
  const found = rules(run);
  expect(found).toContain('request-after-withdraw /withdraw-leak/ after-withdraw ct.pinterest.com/v3/');
  expect(found).toContain('cookie-after-withdraw /withdraw-leak/ after-withdraw _gcl_au');
  expect(found.filter((r: string) => /before-choice|after-reject/.test(r))).toEqual([]);
  const left = one(run, (f) => f.rule === 'cookie-after-withdraw');
  expect(left.fix).toContain("cookies: ['_gcl_au']");
});

test('another consent manager is driven by autoconsent, a banner without rules by its buttons, and no Reject is a finding', async () => {
  const run = await scan(['/other-cmp/', '/named-buttons/', '/no-reject/'], ['--max-pages', '3', '--concurrency', '3']);
  expect(run.code, run.stderr).toBe(1);
  const byPath = Object.fromEntries(run.report.pages.map((p) => [new URL(p.url).pathname, p]));
  // Its buttons ("Fine by me", "No thanks") match no name the fallback knows: autoconsent's rule made the choices.
  expect(byPath['/other-cmp/']?.consentManager).toEqual({ kind: 'autoconsent', name: 'hubspot' });
  expect(byPath['/named-buttons/']?.consentManager?.kind).toBe('buttons');
  for (const path of ['/other-cmp/', '/named-buttons/']) {
    const phases = byPath[path]?.phases ?? [];
    expect(phases.map((p) => p.status)).toEqual(['done', 'done', 'done', 'done', 'skipped']);
    const accepted = (phases.find((p) => p.phase === 'after-accept')?.requests ?? []).map((r) => new URL(r.url).hostname);
    expect(accepted).toContain('connect.facebook.net');
    const rejected = (phases.find((p) => p.phase === 'after-reject-next')?.requests ?? []).map((r) => new URL(r.url).hostname);
    expect(rejected).not.toContain('connect.facebook.net');
  }
  expect(rules(run).filter((r: string) => !r.startsWith('no-withdraw'))).toEqual([
    'no-reject /no-reject/ after-reject buttons named Accept / Reject',
  ]);
});

test('an unreachable URL, a page that never loads, a bad URL and a bad option exit 2 with one line and no stack', async () => {
  const closed = await new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
  const unreachable = await cli(['scan', `http://127.0.0.1:${closed}/`, '--settle', '100']);
  expect(unreachable.code).toBe(2);
  expect(unreachable.stderr).toContain(`http://127.0.0.1:${closed}/ refused the connection`);
  const hang = await cli(['scan', fixtures.url('/hang/'), '--timeout', '3', '--settle', '100']);
  expect(hang.code).toBe(2);
  expect(hang.stderr).toContain(`${fixtures.url('/hang/')} did not load within 3 s`);
  const bad = await cli(['scan', 'localhost:8080']);
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('(did you mean http://localhost:8080?)');
  const option = await cli(['scan', fixtures.url('/meta/'), '--max-pages', 'lots']);
  expect(option.code).toBe(2);
  expect(option.stderr).toContain('--max-pages takes a whole number from 1 to 1000, not "lots"');
  const browser = await cli(['scan', fixtures.url('/meta/')], { HOLDBACK_CHROMIUM: '/nowhere/chromium' });
  expect(browser.code).toBe(2);
  expect(browser.stderr).toContain('HOLDBACK_CHROMIUM names /nowhere/chromium, which does not exist');
  for (const run of [unreachable, hang, bad, option, browser]) {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
  }
});

test('--config compares the declaration, --baseline fails only on new findings, and the SARIF, JUnit and HTML reports', async ({ page }) => {
  const config = join(tempDir('holdback-test-config-'), 'consent-config.js');
  writeFileSync(
    config,
    `window.consentConfig = ${JSON.stringify({ categories: { statistics: { services: { 'google-analytics': {} } }, marketing: {} } })};`,
  );
  const dir = tempDir('holdback-test-reports-');
  const sarifFile = join(dir, 'report.sarif');
  const junitFile = join(dir, 'report.xml');
  const htmlFile = join(dir, 'report.html');
  const run = await scan(
    ['/withdraw-leak/'],
    ['--max-pages', '1', '--config', config, '--sarif', sarifFile, '--junit', junitFile, '--html', htmlFile],
  );
  expect(run.code, run.stderr).toBe(1);
  const found = rules(run);
  expect(found).toContain('undeclared-service /withdraw-leak/ - meta-pixel');
  expect(found).toContain('undeclared-cookie /withdraw-leak/ - _gcl_au');
  expect(found).toContain('declared-not-seen /withdraw-leak/ - google-analytics');

  type Sarif = {
    version: string;
    runs: {
      tool: { driver: { rules: { id: string }[] } };
      results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
    }[];
  };
  const sarif: Sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  expect(sarif.version).toBe('2.1.0');
  const driverRules = sarif.runs[0]?.tool.driver.rules.map((r) => r.id) ?? [];
  expect(sarif.runs[0]?.results.length).toBe(run.report.findings.length);
  for (const result of sarif.runs[0]?.results ?? []) {
    expect(driverRules[result.ruleIndex]).toBe(result.ruleId);
    expect(['error', 'warning', 'note']).toContain(result.level);
    expect(result.locations[0]?.physicalLocation.artifactLocation.uri).toBe(fixtures.url('/withdraw-leak/').replace('http://', ''));
  }
  expect(sarif.runs[0]?.results.find((r) => r.ruleId === 'cookie-after-withdraw')?.level).toBe('error');

  const junit = readFileSync(junitFile, 'utf8');
  const violations = run.report.findings.filter((f) => f.severity === 'violation').length;
  expect(junit).toContain(`failures="${violations}"`);
  expect((junit.match(/<failure /g) ?? []).length).toBe(violations);
  await page.setContent('<p>x</p>');
  const wellFormed = await page.evaluate(
    (xml) => new DOMParser().parseFromString(xml, 'application/xml').querySelector('parsererror') === null,
    junit,
  );
  expect(wellFormed).toBe(true);

  // The HTML report: opens with no console error, passes axe, violations first.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`file://${htmlFile}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Consent scan of');
  const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
  expect(headings.slice(0, 2)).toEqual(['Violations', 'Warnings and notices']);
  await expect(page.getByRole('table').filter({ hasText: '_gcl_au' }).first()).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  expect(errors).toEqual([]);

  // Against its own report as the baseline nothing is new: exit 0; and --fail-on warning fails on warnings.
  const again = await scan(['/withdraw-leak/'], ['--max-pages', '1', '--config', config, '--baseline', join(run.dir, 'report.json')]);
  expect(again.code, again.stdout).toBe(0);
  expect(again.report.summary.new).toBe(0);
  expect(again.stdout).toContain('0 new since the baseline');

  // A clean page whose scan config lacks its service: warnings only, which fail with --fail-on warning.
  const lenient = await scan(['/gated/'], ['--max-pages', '1', '--config', config]);
  expect(lenient.code, lenient.stdout).toBe(0);
  expect(lenient.report.summary).toMatchObject({ violations: 0, failed: false });
  expect(rules(lenient)).toContain('undeclared-service /gated/ - meta-pixel');
  const strict = await scan(['/gated/'], ['--max-pages', '1', '--config', config, '--fail-on', 'warning']);
  expect(strict.code, strict.stdout).toBe(1);
  expect(strict.report.summary.failed).toBe(true);
});
