// A self-contained HTML report a person can read and forward: the verdict and
// the violations first, then per page what each phase added, the cookie
// declaration, the trackers, and the suggested config. No script, no remote file.
import { RULES } from '../rules';
import { type Finding, PHASES, type PageResult, phaseTitle } from '../types';
import type { ScanReport } from './json';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const CSS = `
:root { color-scheme: light; --ink: #1b1e23; --muted: #4a5260; --line: #d5d9e0; --bad: #a3161b; --warn: #7a4d00; --ok: #1d6b37; --soft: #f4f6f8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.75rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
p.meta { color: var(--muted); margin: 0 0 1rem; }
.verdict { padding: 1rem 1.25rem; border-radius: .5rem; border: 2px solid; font-weight: 600; }
.verdict.failed { border-color: var(--bad); color: var(--bad); background: #fdf1f1; }
.verdict.passed { border-color: var(--ok); color: var(--ok); background: #eff8f2; }
dl.counts { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
dl.counts div { background: var(--soft); border-radius: .5rem; padding: .5rem 1rem; min-width: 8rem; }
dl.counts dt { color: var(--muted); font-size: .85rem; }
dl.counts dd { margin: 0; font-size: 1.4rem; font-weight: 700; }
ol.findings { list-style: none; padding: 0; margin: 0; }
ol.findings > li { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: 0 0 .75rem; }
ol.findings > li.violation { border-left-color: var(--bad); }
ol.findings > li.warning { border-left-color: #c98a00; }
.tag { display: inline-block; font-size: .8rem; font-weight: 700; text-transform: uppercase; letter-spacing: .03em; margin-right: .5rem; }
.violation .tag { color: var(--bad); }
.warning .tag { color: var(--warn); }
.notice .tag { color: var(--muted); }
.where { color: var(--muted); font-size: .9rem; }
code, pre { font: .85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--soft); padding: .75rem; border-radius: .4rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; border-bottom: 1px solid var(--line); padding: .4rem .5rem; vertical-align: top; overflow-wrap: anywhere; }
p, li { overflow-wrap: anywhere; }
th { background: var(--soft); }
.added { font-weight: 700; }
details { margin: .5rem 0; }
summary { cursor: pointer; font-weight: 600; }
a { color: #0b57b0; }
`;

function findingItem(f: Finding): string {
  return `<li class="${f.severity}">
<p><span class="tag">${f.severity}${f.new === false ? ' (in baseline)' : ''}</span><strong>${escape(RULES[f.rule].title)}</strong></p>
<p>${escape(f.message)}</p>
<p class="where">Page <a href="${escape(f.page)}">${escape(f.page)}</a>${f.phase ? ` · ${escape(phaseTitle(f.phase))}` : ''}${f.tracker ? ` · ${escape(f.tracker.name)} (${escape(f.tracker.category)}, ${escape(f.tracker.source)})` : ''}</p>
${f.element ? `<p>Caused by:</p><pre><code>${escape(f.element)}</code></pre>` : ''}
${f.initiator.length > 1 ? `<p class="where">Initiator chain: ${f.initiator.map(escape).join(' ← ')}</p>` : ''}
<p><strong>Fix:</strong> ${escape(f.fix)}</p>
</li>`;
}

function findingList(findings: Finding[], empty: string): string {
  // role="list": Safari drops the list semantics of a list without bullets.
  return findings.length ? `<ol class="findings" role="list">${findings.map(findingItem).join('\n')}</ol>` : `<p>${escape(empty)}</p>`;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

// Per phase: the hosts contacted and cookies present, marking what phase 1 did not have.
function phaseDiff(page: PageResult): string {
  const first = page.phases.find((p) => p.phase === 'before-choice');
  const firstHosts = new Set(first?.requests.map((r) => hostOf(r.url)) ?? []);
  const firstCookies = new Set(first?.cookies.map((c) => c.name) ?? []);
  const rows = PHASES.map((phase) => {
    const evidence = page.phases.find((p) => p.phase === phase.id);
    if (!evidence) return '';
    if (evidence.status !== 'done') return `<tr><th scope="row">${phase.number}. ${escape(phase.title)}</th><td colspan="2">${escape(evidence.status)}: ${escape(evidence.reason ?? '')}</td></tr>`;
    const hosts = [...new Set(evidence.requests.map((r) => hostOf(r.url)))].sort();
    const cookies = [...new Set(evidence.cookies.map((c) => c.name))].sort();
    const list = (items: string[], before: Set<string>) =>
      items.length ? items.map((item) => (phase.number > 1 && !before.has(item) ? `<span class="added">+ ${escape(item)}</span>` : escape(item))).join('<br>') : '—';
    return `<tr><th scope="row">${phase.number}. ${escape(phase.title)}</th><td>${list(hosts, firstHosts)}</td><td>${list(cookies, firstCookies)}</td></tr>`;
  }).join('\n');
  return `<table><caption class="where">Hosts contacted and cookies present in each phase; “+” marks what phase 1 did not have.</caption>
<thead><tr><th scope="col">Phase</th><th scope="col">Hosts contacted</th><th scope="col">Cookies</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function toHtml(report: ScanReport): string {
  const { summary } = report;
  const violations = report.findings.filter((f) => f.severity === 'violation');
  const others = report.findings.filter((f) => f.severity !== 'violation');
  // The verdict counts what fails the scan: at or above --fail-on, and not in the baseline.
  const failing = report.findings.filter((f) => f.new !== false && (f.severity === 'violation' || (report.options.failOn === 'warning' && f.severity === 'warning')));
  const verdict = summary.incomplete
    ? `The scan is incomplete: ${summary.pagesFailed} page(s) could not be scanned (below).`
    : summary.failed
      ? `The scan failed: ${failing.length} finding(s)${report.options.baseline ? ' new since the baseline' : ''} need fixing.`
      : 'The scan passed: nothing at or above the failing level.';
  // One run of each page for the phase tables: the first that was scanned.
  const pages = [...new Map([...report.pages].reverse().filter((p) => !p.error).map((p) => [p.url, p])).values()].reverse();
  const cookieRows = report.cookies
    .map(
      (c) => `<tr><td><code>${escape(c.name)}</code></td><td>${escape(c.naming?.category ?? 'unknown')}</td><td>${escape(c.naming?.name ?? '—')}</td><td>${escape(c.naming?.purpose ?? '—')}</td><td>${escape(
        c.naming?.duration ?? (c.days === null ? 'session' : `${c.days} days`),
      )}</td><td>${escape(c.domains.join(', '))}</td><td>${c.httpOnly ? 'yes' : 'no'}</td><td>${escape(c.naming?.source ?? '—')}</td></tr>`,
    )
    .join('\n');
  const trackerRows = report.trackers
    .map(
      (t) =>
        `<tr><td>${escape(t.service.name)}</td><td>${escape(t.service.category)}</td><td>${escape(t.service.provider ?? '—')}</td><td>${escape(t.hosts.join(', '))}</td><td>${escape(
          t.phases.map((p) => String(PHASES.find((x) => x.id === p)?.number ?? p)).join(', '),
        )}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>holdback scan: ${escape(report.options.urls.join(', '))}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<h1>Consent scan of ${escape(report.options.urls.join(', '))}</h1>
<p class="meta">holdback scan ${escape(report.tool.version)} · ${escape(report.startedAt)} · ${(report.durationMs / 1000).toFixed(1)} s · fails on ${escape(report.options.failOn)}s${report.options.baseline ? ' · compared with a baseline' : ''}</p>
<p class="verdict ${summary.failed || summary.incomplete ? 'failed' : 'passed'}">${escape(verdict)}</p>
<dl class="counts">
<div><dt>Pages</dt><dd>${summary.pages}</dd></div>
<div><dt>Violations</dt><dd>${summary.violations}</dd></div>
<div><dt>Warnings</dt><dd>${summary.warnings}</dd></div>
<div><dt>Trackers</dt><dd>${summary.trackers}</dd></div>
<div><dt>Cookies</dt><dd>${summary.cookies}</dd></div>
<div><dt>Unknown hosts</dt><dd>${summary.unknownHosts}</dd></div>
</dl>
${report.errors.length ? `<h2>Pages that could not be scanned</h2><ul>${report.errors.map((e) => `<li>${escape(e.url)}: ${escape(e.message)}</li>`).join('')}</ul>` : ''}
<h2>Violations</h2>
${findingList(violations, 'None: nothing optional fired before a choice, after "Reject all" or after withdrawal.')}
<h2>Warnings and notices</h2>
${findingList(others, 'None.')}
<h2>Phase by phase</h2>
${pages
  .map((p) => `<h3>${escape(p.url)}</h3><p class="where">Consent manager: ${escape(p.consentManager?.name ?? 'none found')}</p>${phaseDiff(p)}`)
  .join('\n')}
<h2>Cookie declaration</h2>
${
  report.cookies.length
    ? `<table><thead><tr><th scope="col">Cookie</th><th scope="col">Category</th><th scope="col">Service</th><th scope="col">Purpose</th><th scope="col">Duration</th><th scope="col">Domain</th><th scope="col">HttpOnly</th><th scope="col">Named by</th></tr></thead><tbody>${cookieRows}</tbody></table>`
    : '<p>No cookies were seen.</p>'
}
<h2>Trackers</h2>
${
  report.trackers.length
    ? `<table><thead><tr><th scope="col">Service</th><th scope="col">Category</th><th scope="col">Provider</th><th scope="col">Hosts</th><th scope="col">Phases</th></tr></thead><tbody>${trackerRows}</tbody></table>`
    : '<p>No known tracker was contacted.</p>'
}
<h3>Third-party hosts nobody names</h3>
${report.unknownHosts.length ? `<ul>${report.unknownHosts.map((u) => `<li><code>${escape(u.host)}</code></li>`).join('')}</ul>` : '<p>None.</p>'}
<h2>Suggested config</h2>
<p>Services are declared by their catalogue id, which brings their hosts and cookie tables; <code>autoBlockIgnore</code> lists the third-party hosts that <code>autoBlock: 'strict'</code> would have to allow.</p>
<pre><code>window.consentConfig = ${escape(JSON.stringify(report.suggestedConfig, null, 2))};</code></pre>
</main>
</body>
</html>
`;
}
