// Turns the evidence of every page and phase into findings: what fired or
// stayed when it should not have, the tags that cause it, and how the site's
// declaration differs from what was seen. Pure: the same evidence gives the
// same findings, in the same order.
import type { Classifier } from './classify';
import { hostOf, thirdParty } from './classify';
import { runs } from './html';
import { type Finding, type Naming, type PageResult, type Phase, type PhaseEvidence, phaseTitle, type RequestRecord, type Rule, type Severity, type StaticTag } from './types';

// The moment a rule names, per judged phase: the reload and next page after rejecting count as after rejecting.
const MOMENT: Partial<Record<Phase, 'before-choice' | 'after-reject' | 'after-withdraw'>> = {
  'before-choice': 'before-choice',
  'after-reject': 'after-reject',
  'after-reject-next': 'after-reject',
  'after-withdraw': 'after-withdraw',
};
const ruleFor = (subject: 'request' | 'cookie' | 'storage', phase: Phase): Rule | null => {
  const moment = MOMENT[phase];
  return moment ? `${subject}-${moment}` : null;
};

const WHEN: Record<Phase, string> = {
  'before-choice': 'before the visitor chose anything',
  'after-reject': 'after "Reject all"',
  'after-reject-next': 'on the reload and the next page after "Reject all"',
  'after-accept': 'after "Accept all"',
  'after-withdraw': 'on the next page view after withdrawing consent',
};

export const SEVERITY_RANK: Record<Severity, number> = { notice: 0, warning: 1, violation: 2 };

// A page in a finding's id: host, path and query, so that two sites or two
// queries of one scan stay apart, while a change of scheme or port does not matter.
const pageKey = (url: string) => {
  try {
    const { hostname, pathname, search } = new URL(url);
    return hostname + pathname + search;
  } catch {
    return url;
  }
};

/** The same subject without its query: one finding per tracker endpoint, not per hit. */
const endpoint = (url: string) => {
  try {
    const { hostname, pathname } = new URL(url);
    return hostname + pathname;
  } catch {
    return url;
  }
};

function snippetFor(tag: StaticTag, category: string): string {
  if (tag.tag === 'script' && tag.url) return `<script type="text/plain" data-category="${category}" src="${tag.url}"></script>`;
  const open = `<script type="text/plain" data-category="${category}">`;
  // A long inline script is shown shortened: only its opening tag changes.
  if (tag.tag === 'script') return tag.html.includes(' … ') ? `${open} (the opening tag of the script on line ${tag.line}; its code stays as it is)` : tag.html.replace(/^<script\b[^>]*>/i, open);
  return `<${tag.tag} data-category="${category}" data-src="${tag.url}" …>`;
}

interface Cause {
  element: string | null;
  fix: string;
}

/** The element or script behind a request, and how to stop it. */
function causeOf(request: RequestRecord, page: PageResult, naming: Naming): Cause {
  const category = naming.category;
  const initiator = request.initiator;
  // The tags are those of the document phase 1 read; a request from another page's HTML cannot be matched to them.
  const onPage = (url: string | null) => !!url && url.split('#')[0] === page.document.split('#')[0];
  if (initiator?.type === 'parser' && onPage(initiator.url)) {
    const tag = page.tags.find((t) => t.url === request.url) ?? page.tags.find((t) => t.url && endpoint(t.url) === endpoint(request.url));
    if (tag) return { element: tag.html, fix: `The tag is in the HTML, so the browser fetches it before any script runs. Mark it up: ${snippetFor(tag, category)}` };
    // What a parser-blocking script sends while it runs is the parser's, at that script's line.
    const line = initiator.line ?? 0;
    const script = page.tags.find((t) => t.tag === 'script' && t.line <= line && line <= t.endLine && runs(t.type));
    if (script)
      return { element: script.html, fix: `The script on line ${script.line} of the HTML sends it as the page loads. Mark it up: ${snippetFor(script, category)}` };
    return { element: `a tag in ${initiator.url} (line ${initiator.line ?? '?'})`, fix: `Mark the tag up with data-category="${category}" so that holdback holds it back.` };
  }
  if (initiator?.type === 'script' && initiator.url) {
    if (onPage(initiator.url)) {
      const line = initiator.line ?? 0;
      const inline = page.tags.find((t) => t.tag === 'script' && !t.url && t.line <= line && line <= t.endLine);
      if (inline && runs(inline.type))
        return { element: inline.html, fix: `An inline script in the page sends it. Mark the script up: ${snippetFor(inline, category)}` };
      return { element: `inline script in ${initiator.url} (line ${line})`, fix: `Mark the inline script that sends it with type="text/plain" data-category="${category}".` };
    }
    const tag = page.tags.find((t) => t.tag === 'script' && t.url === initiator.url);
    if (tag && runs(tag.type))
      return { element: tag.html, fix: `The script ${initiator.url} sends it and runs at once. Mark it up: ${snippetFor(tag, category)}` };
    const chain = initiator.chain.filter((c) => c !== 'parser' && c !== 'page');
    return {
      element: `script ${initiator.url}${initiator.line ? ` (line ${initiator.line})` : ''}`,
      fix:
        chain.length > 1
          ? `The script was added by ${chain.slice(1).join(' ← ')}: hold back whatever loads it, or turn on autoBlock so that holdback catches what scripts add.`
          : `Hold back the script that sends it (data-category="${category}"), or turn on autoBlock.`,
    };
  }
  return { element: null, fix: `Find the tag that sends requests to ${hostOf(request.url) ?? request.url} and mark it with data-category="${category}", or turn on autoBlock.` };
}

const phaseAdvice: Partial<Record<Phase, string>> = {
  'after-reject': ' It was sent after "Reject all": whatever sends it does not ask the consent manager.',
  'after-reject-next': ' The choice was stored, yet the next page views sent it: whatever sends it does not ask the consent manager.',
  'after-withdraw': ' It came back after withdrawal: the tag keeps a consent of its own (a cookie or a storage key of its vendor). Let holdback decide, and declare the vendor’s cookies so that they are deleted on withdrawal.',
};

export function judge(pages: readonly PageResult[], classify: Classifier, options: { declaration: boolean }): Finding[] {
  const findings = new Map<string, Finding>();
  // Runs and pages may find the same thing more than once: it is kept once, at the gravest level seen.
  const add = (finding: Omit<Finding, 'id'>) => {
    const id = [finding.rule, pageKey(finding.page), finding.phase ?? '-', finding.subject].join(' ');
    const known = findings.get(id);
    if (!known || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[known.severity]) findings.set(id, { id, ...finding });
  };

  for (const page of pages) {
    if (page.error) continue;
    const firstPhase = page.phases.find((p) => p.phase === 'before-choice');
    for (const evidence of page.phases) {
      if (evidence.status !== 'done' || !MOMENT[evidence.phase]) continue;
      judgeRequests(page, evidence, classify, add);
      judgeCookies(page, evidence, classify, add);
      judgeStorage(page, evidence, firstPhase, classify, add);
    }
    judgeTags(page, classify, add);
    for (const failed of page.phases.filter((p) => p.status === 'failed' && p.failure !== 'no-reject')) {
      add({
        rule: 'phase-failed',
        severity: 'warning',
        page: page.url,
        phase: failed.phase,
        message: `${phaseTitle(failed.phase)} could not be run: ${failed.reason ?? 'unknown reason'}. What it checks is unknown for this page.`,
        subject: failed.failure ?? 'error',
        tracker: null,
        element: null,
        initiator: [],
        fix: failed.failure === 'banner-missing' ? 'Check that the banner shows on every fresh visit (no A/B test or region rule hides it), then scan again.' : 'Scan again, with a longer --timeout if the page is slow.',
      });
    }
    const rejected = page.phases.find((p) => p.phase === 'after-reject');
    if (rejected?.failure === 'no-reject') {
      add({
        rule: 'no-reject',
        severity: 'violation',
        page: page.url,
        phase: 'after-reject',
        message: `${page.consentManager?.name ?? 'The consent banner'} offers no "Reject all" the scanner could find on the first layer.`,
        subject: page.consentManager?.name ?? 'consent banner',
        tracker: null,
        element: null,
        initiator: [],
        fix: 'Regulators (EDPB, CNIL, ICO) expect refusing to be as easy as accepting: put a "Reject all" button next to "Accept all".',
      });
    }
    const withdrawn = page.phases.find((p) => p.phase === 'after-withdraw');
    if (withdrawn?.status === 'skipped' && page.consentManager && page.consentManager.kind !== 'holdback') {
      add({
        rule: 'no-withdraw',
        severity: 'notice',
        page: page.url,
        phase: 'after-withdraw',
        message: withdrawn.reason ?? 'Withdrawal was not checked.',
        subject: page.consentManager.name,
        tracker: null,
        element: null,
        initiator: [],
        fix: 'Check by hand that withdrawing in the preference center stops the tags and deletes their cookies.',
      });
    }
  }
  if (options.declaration) judgeDeclaration(pages, classify, add);
  return [...findings.values()].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

type Add = (finding: Omit<Finding, 'id'>) => void;

// The storage a Google tag of this category needs, per Consent Mode.
const CONSENT_MODE_TYPES: Record<string, string[]> = { statistics: ['analytics_storage'], marketing: ['ad_storage', 'ad_user_data'] };

/** Whether the page's Consent Mode state (its default, then each update in order) denies what this tag needs. */
function consentModeDenies(evidence: PhaseEvidence, category: string): boolean {
  const commands = evidence.signals?.consentMode ?? [];
  if (!commands.some((c) => c.command === 'default')) return false;
  const state: Record<string, string> = {};
  for (const command of commands) Object.assign(state, command.state);
  const types = CONSENT_MODE_TYPES[category] ?? [];
  return types.length > 0 && types.every((type) => state[type] === 'denied');
}

function judgeRequests(page: PageResult, evidence: PhaseEvidence, classify: Classifier, add: Add) {
  const rule = ruleFor('request', evidence.phase);
  if (!rule) return;
  for (const request of evidence.requests) {
    const naming = classify.host(request.url);
    if (!classify.optional(naming) || !naming) continue;
    const cause = causeOf(request, page, naming);
    const known = classify.service(naming.id);
    // A Google tag under Consent Mode's denied default sends cookieless pings: Google's "advanced" mode.
    const underConsentMode = !!known?.consentMode && consentModeDenies(evidence, naming.category);
    const kind = request.type === 'ping' ? 'beacon' : request.type === 'document' ? 'frame' : request.type;
    add({
      rule,
      severity: underConsentMode ? 'warning' : 'violation',
      page: page.url,
      phase: evidence.phase,
      message:
        `${naming.name} (${naming.category}) was contacted ${WHEN[evidence.phase]}: ${kind} to ${endpoint(request.url)}.` +
        (underConsentMode ? ' Consent Mode was set to denied first, so Google calls these cookieless pings; many regulators still count them as tracking.' : ''),
      subject: endpoint(request.url),
      tracker: naming,
      element: cause.element,
      initiator: request.initiator?.chain ?? [],
      fix: cause.fix + (phaseAdvice[evidence.phase] ?? ''),
    });
  }
}

function judgeCookies(page: PageResult, evidence: PhaseEvidence, classify: Classifier, add: Add) {
  const rule = ruleFor('cookie', evidence.phase);
  if (!rule) return;
  // Before any choice and after withdrawal every cookie in the jar counts; after rejecting, those set since.
  const judged = evidence.phase === 'before-choice' || evidence.phase === 'after-withdraw' ? evidence.cookies.map((c) => c.name) : evidence.newCookies;
  for (const name of [...new Set(judged)].sort()) {
    const cookie = evidence.cookies.find((c) => c.name === name);
    const naming = classify.cookie(name, cookie?.domain);
    if (!classify.optional(naming) || !naming) continue;
    const write = evidence.cookieWrites.find((w) => w.name === name && !w.deletes);
    const header = evidence.requests.find((r) => r.setCookies.includes(name));
    const element = write ? `document.cookie set by ${write.script ? `${write.script}${write.line ? ` (line ${write.line})` : ''}` : 'a script'}` : header ? `Set-Cookie from ${endpoint(header.url)}` : null;
    const where = cookie ? ` on ${cookie.domain}${cookie.httpOnly ? ', HttpOnly' : ''}${cookie.partitioned ? ', partitioned' : ''}` : '';
    const left = evidence.phase === 'after-withdraw';
    // A site cannot delete another site's cookies: left after withdrawal, they are the owner's to
    // expire, and what the site owes is that nothing reaches that owner any more.
    const foreign = !!cookie && thirdParty(`https://${cookie.domain.replace(/^\./, '')}/`, page.url);
    if (left && foreign && cookie) {
      add({
        rule,
        severity: 'notice',
        page: page.url,
        phase: evidence.phase,
        message: `The third-party ${naming.category} cookie ${name}${where} (${naming.name}) is still in the browser after withdrawal; only ${cookie.domain.replace(/^\./, '')} can delete it.`,
        subject: name,
        tracker: naming,
        element,
        initiator: [],
        fix: `Nothing on the site can delete it. Make sure no request reaches ${naming.name} after withdrawal (any that did is reported as request-after-withdraw).`,
      });
      continue;
    }
    add({
      rule,
      severity: 'violation',
      page: page.url,
      phase: evidence.phase,
      message: left
        ? `The ${naming.category} cookie ${name}${where} (${naming.name}) is still there after consent was withdrawn.`
        : `The ${naming.category} cookie ${name}${where} (${naming.name}) was set ${WHEN[evidence.phase]}.`,
      subject: name,
      tracker: naming,
      element,
      initiator: write?.script ? [write.script] : header ? (header.initiator?.chain ?? []) : [],
      fix: left
        ? `Declare ${name} in the config under "${naming.category}" (cookies: ['${name}']) so that holdback deletes it on withdrawal${cookie?.httpOnly ? '; it is HttpOnly, so the server that set it must also expire it' : ''}.`
        : `Hold back what sets it until "${naming.category}" is allowed${write?.script ? ` (the script ${write.script})` : ''}.`,
    });
  }
}

function judgeStorage(page: PageResult, evidence: PhaseEvidence, first: PhaseEvidence | undefined, classify: Classifier, add: Add) {
  const rule = ruleFor('storage', evidence.phase);
  if (!rule) return;
  const before = new Set((first?.storage ?? []).map((s) => `${s.kind} ${s.origin} ${s.key}`));
  for (const item of evidence.storage) {
    // After rejecting, keys already reported before the choice are not reported again.
    if ((evidence.phase === 'after-reject' || evidence.phase === 'after-reject-next') && before.has(`${item.kind} ${item.origin} ${item.key}`)) continue;
    const naming = classify.storage(item.key);
    if (!classify.optional(naming) || !naming) continue;
    add({
      rule,
      severity: 'violation',
      page: page.url,
      phase: evidence.phase,
      message: `${item.kind} key ${item.key} on ${item.origin} (${naming.name}, ${naming.category}) is there ${WHEN[evidence.phase]}.`,
      subject: `${item.kind}:${item.key}`,
      tracker: naming,
      element: null,
      initiator: [],
      fix: `Hold back what writes it, and declare it (storage: ['${item.key}']) under "${naming.category}" so that holdback removes it on withdrawal.`,
    });
  }
}

function judgeTags(page: PageResult, classify: Classifier, add: Add) {
  for (const tag of page.tags) {
    if (tag.category) {
      if (tag.tag !== 'script' && tag.url && tag.category !== 'necessary') {
        add({
          rule: 'category-with-src',
          severity: 'warning',
          page: page.url,
          phase: null,
          message: `A <${tag.tag}> marked data-category="${tag.category}" has a src (line ${tag.line}), so the browser loads it at once, before any choice.`,
          subject: tag.url,
          tracker: classify.host(tag.url),
          element: tag.html,
          initiator: [],
          fix: `Rename src to data-src: ${snippetFor(tag, tag.category)}`,
        });
        continue;
      }
      if (tag.tag === 'script' && runs(tag.type) && tag.category !== 'necessary') {
        add({
          rule: 'category-without-type',
          severity: 'warning',
          page: page.url,
          phase: null,
          message: `A script marked data-category="${tag.category}" has no type="text/plain" (line ${tag.line}), so the browser runs it at once, before any choice.`,
          subject: tag.url ?? `line ${tag.line}`,
          tracker: tag.url ? classify.host(tag.url) : null,
          element: tag.html,
          initiator: [],
          fix: `Add type="text/plain": ${snippetFor(tag, tag.category)}`,
        });
      }
      continue;
    }
    if (!tag.url || (tag.tag === 'script' && !runs(tag.type))) continue;
    const naming = classify.host(tag.url);
    if (!classify.optional(naming) || !naming) continue;
    add({
      rule: 'static-tracker-tag',
      severity: 'warning',
      page: page.url,
      phase: null,
      message: `The HTML carries a ${naming.name} tag (line ${tag.line}) that the browser fetches before any script runs: no consent manager can stop it, auto-blocking included.`,
      subject: endpoint(tag.url),
      tracker: naming,
      element: tag.html,
      initiator: [],
      fix: `Mark it up: ${snippetFor(tag, naming.category)}`,
    });
  }
}

function judgeDeclaration(pages: readonly PageResult[], classify: Classifier, add: Add) {
  const site = pages.find((p) => !p.error)?.url ?? '';
  const seenCookies = new Map<string, { page: string; domain: string }>();
  const seenServices = new Map<string, { naming: Naming; page: string }>();
  for (const page of pages) {
    for (const evidence of page.phases) {
      for (const cookie of evidence.cookies) if (!seenCookies.has(cookie.name)) seenCookies.set(cookie.name, { page: page.url, domain: cookie.domain });
      for (const request of evidence.requests) {
        const naming = classify.host(request.url);
        if (naming && !seenServices.has(naming.id)) seenServices.set(naming.id, { naming, page: page.url });
      }
    }
  }
  for (const [name, { page, domain }] of seenCookies) {
    const naming = classify.cookie(name, domain);
    if (naming?.source === 'config' || naming?.source === 'holdback') continue;
    const optional = classify.optional(naming);
    add({
      rule: 'undeclared-cookie',
      severity: optional ? 'warning' : 'notice',
      page,
      phase: null,
      message: `The cookie ${name} was seen but the config does not declare it${naming ? ` (${naming.name}, ${naming.category}, per the ${naming.source})` : ' (and nobody names it)'}.`,
      subject: name,
      tracker: naming,
      element: null,
      initiator: [],
      fix: naming
        ? `Add it to "${naming.category}": cookies: [{ name: '${name}'${naming.purpose ? `, purpose: ${JSON.stringify(naming.purpose)}` : ''}${naming.duration ? `, duration: '${naming.duration}'` : ''} }]`
        : `Find out what sets ${name} and declare it under its category.`,
    });
  }
  const declared = new Set<string>();
  for (const category of classify.settings.categories) for (const service of category.services) declared.add(service.name);
  for (const [id, { naming, page }] of seenServices) {
    if (naming.source === 'config' || declared.has(id) || naming.category === 'necessary') continue;
    add({
      rule: 'undeclared-service',
      severity: 'warning',
      page,
      phase: null,
      message: `${naming.name} (${naming.category}) was contacted but the config does not declare it, so the preference center does not list it.`,
      subject: id,
      tracker: naming,
      element: null,
      initiator: [],
      fix: `Declare it by its catalogue id: categories: { ${naming.category}: { services: { '${id}': {} } } }`,
    });
  }
  for (const category of classify.settings.categories) {
    for (const service of category.services) {
      if (seenServices.has(service.name) || service.hosts.length === 0) continue;
      add({
        rule: 'declared-not-seen',
        severity: 'notice',
        page: site,
        phase: null,
        message: `The config declares ${service.title} (${category.name}) but no page contacted it, even after "Accept all".`,
        subject: service.name,
        tracker: null,
        element: null,
        initiator: [],
        fix: 'Remove it from the config if the site no longer uses it, or scan the pages that carry it.',
      });
    }
  }
  for (const { pattern, holder, category } of classify.declaredCookies) {
    const matched = [...seenCookies.keys()].some((name) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
    if (matched) continue;
    add({
      rule: 'declared-not-seen',
      severity: 'notice',
      page: site,
      phase: null,
      message: `The config declares the cookie ${pattern} under "${holder === category ? category : `${category}" → "${holder}`}" but no page set it, even after "Accept all".`,
      subject: `cookie:${pattern}`,
      tracker: null,
      element: null,
      initiator: [],
      fix: 'Remove it from the declaration if nothing sets it any more.',
    });
  }
}
