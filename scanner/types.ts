// What the scanner records and concludes. These shapes are also the JSON
// report's (docs/scan-report.schema.json describes them for other tools).

/** The five moments a page is judged in, each in a fresh browser context. */
export type Phase = 'before-choice' | 'after-reject' | 'after-reject-next' | 'after-accept' | 'after-withdraw';

export const PHASES: { id: Phase; number: number; title: string }[] = [
  { id: 'before-choice', number: 1, title: 'Before any choice' },
  { id: 'after-reject', number: 2, title: 'After "Reject all"' },
  { id: 'after-reject-next', number: 3, title: 'Reload and next page after rejecting' },
  { id: 'after-accept', number: 4, title: 'After "Accept all"' },
  { id: 'after-withdraw', number: 5, title: 'After withdrawing, next page view' },
];

export const phaseTitle = (phase: Phase) => PHASES.find((p) => p.id === phase)?.title ?? phase;

/** How a request came to be: the parser (a tag in the HTML), or a script, and what loaded that script. */
export interface Initiator {
  type: 'parser' | 'script' | 'other';
  /** The document (parser) or the script (script) that made the request. */
  url: string | null;
  /** 1-based line in that document or script, when known. */
  line: number | null;
  /** From the request's own initiator up to the page: script URLs, then "parser" or "page". */
  chain: string[];
}

export interface RequestRecord {
  url: string;
  method: string;
  /** Playwright's resource type: document, script, image, xhr, fetch, ping (beacons and <a ping>), … */
  type: string;
  /** The URL of the frame (or worker) that sent it. */
  frame: string;
  initiator: Initiator | null;
  /** HTTP status, or null when it failed or never finished. */
  status: number | null;
  /** Cookie names the response set with Set-Cookie. */
  setCookies: string[];
}

export interface CookieRecord {
  name: string;
  domain: string;
  path: string;
  /** Unix seconds, or -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite: string;
  partitioned: boolean;
}

/** A `document.cookie = …` assignment, with the script that made it. */
export interface CookieWrite {
  name: string;
  /** The script's URL (the page's URL for an inline script), or null when the stack named none. */
  script: string | null;
  line: number | null;
  frame: string;
  /** Whether the write deletes the cookie (an expiry in the past or max-age=0). */
  deletes: boolean;
}

export interface StorageRecord {
  kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  origin: string;
  key: string;
}

export interface Signals {
  /** `gtag('consent', 'default' | 'update', {...})` calls found in dataLayer, in order. */
  consentMode: { command: string; state: Record<string, string> }[];
  /** The TCF v2 API's answer to getTCData, when the page has `__tcfapi`. */
  tcf: { cmpId: number | null; gdprApplies: boolean | null; tcString: string | null } | null;
  /** The GPP API's answer to ping, when the page has `__gpp`. */
  gpp: { gppString: string | null; applicableSections: number[]; signalStatus: string | null } | null;
}

/** Why a phase failed: no way to reject or accept, the banner gone in a fresh browser, or an error (a page that did not load, a timeout). */
export type Failure = 'no-reject' | 'no-accept' | 'banner-missing' | 'error' | null;

export interface PhaseEvidence {
  phase: Phase;
  status: 'done' | 'skipped' | 'failed';
  /** Why it was skipped or failed, in words. */
  reason: string | null;
  failure: Failure;
  /** The page views it made, in order. */
  views: string[];
  requests: RequestRecord[];
  /** The browser's cookie jar at the end of the phase (HttpOnly and partitioned too). */
  cookies: CookieRecord[];
  /** Cookies that were not in the jar when the phase began. */
  newCookies: string[];
  cookieWrites: CookieWrite[];
  storage: StorageRecord[];
  signals: Signals | null;
}

export type ConsentManagerKind = 'holdback' | 'autoconsent' | 'buttons';

export interface ConsentManager {
  kind: ConsentManagerKind;
  /** holdback, the autoconsent rule's name (a CMP), or "buttons named Accept/Reject". */
  name: string;
}

/** A tag as the HTML carries it, before any script ran. */
export interface StaticTag {
  tag: string;
  /** The tag's opening markup, shortened. */
  html: string;
  line: number;
  /** The line its element ends on (an inline script's last line). */
  endLine: number;
  url: string | null;
  type: string | null;
  category: string | null;
}

export interface PageResult {
  url: string;
  /** The document phase 1 ended on (after redirects): the HTML its tags come from. */
  document: string;
  consentManager: ConsentManager | null;
  phases: PhaseEvidence[];
  /** Same-site links found on the page, in document order. */
  links: string[];
  /** The tags of its HTML as served, for the static-tag checks. */
  tags: StaticTag[];
  /** A problem that kept the page from being scanned, or null. */
  error: string | null;
  durationMs: number;
}

/** What a host, cookie or storage key is, and who says so. */
export interface Naming {
  id: string;
  name: string;
  category: string;
  provider: string | null;
  source: 'config' | 'catalogue' | 'open-cookie-database' | 'holdback';
  purpose: string | null;
  duration: string | null;
}

export type Severity = 'violation' | 'warning' | 'notice';

export type Rule =
  | 'request-before-choice'
  | 'request-after-reject'
  | 'request-after-withdraw'
  | 'cookie-before-choice'
  | 'cookie-after-reject'
  | 'cookie-after-withdraw'
  | 'storage-before-choice'
  | 'storage-after-reject'
  | 'storage-after-withdraw'
  | 'static-tracker-tag'
  | 'category-without-type'
  | 'category-with-src'
  | 'phase-failed'
  | 'no-reject'
  | 'no-withdraw'
  | 'undeclared-cookie'
  | 'undeclared-service'
  | 'declared-not-seen';

export interface Finding {
  /** Stable across runs: the rule, the page's path, the phase and the subject. `--baseline` compares these. */
  id: string;
  rule: Rule;
  severity: Severity;
  page: string;
  phase: Phase | null;
  message: string;
  /** The request URL, cookie name, storage key or tag the finding is about. */
  subject: string;
  tracker: Naming | null;
  /** The element or script that caused it: markup from the HTML, or a script URL. */
  element: string | null;
  initiator: string[];
  fix: string;
  /** Set with --baseline: whether the baseline lacks it. */
  new?: boolean;
}
