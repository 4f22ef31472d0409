// Records what pages in one browser context do: every request with the chain
// of scripts that caused it (through the DevTools protocol, in the page and in
// each out-of-process frame), Set-Cookie headers, the cookie jar, document.cookie
// writes with the script that made them, storage keys and consent signals.
import type { BrowserContext, CDPSession, Frame, Page, Request } from 'playwright-core';
import type { CookieRecord, CookieWrite, Initiator, PhaseEvidence, RequestRecord, Signals, StorageRecord } from './types';

const COOKIE_BINDING = '__holdbackScanCookie';

// Runs first in every frame: reports each document.cookie assignment with the stack that made it.
const COOKIE_HOOK = `(() => {
  const own = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (!own || !own.set) return;
  Object.defineProperty(Document.prototype, 'cookie', {
    configurable: true,
    enumerable: own.enumerable,
    get() { return own.get.call(this); },
    set(value) {
      try { const report = window.${COOKIE_BINDING}; if (report) report(String(value), String(new Error().stack || '')); } catch (e) {}
      return own.set.call(this, value);
    },
  });
})();`;

interface CdpInitiator {
  type: string;
  url?: string;
  lineNumber?: number;
  stack?: CdpStack;
}
interface CdpStack {
  callFrames: { url: string; lineNumber: number }[];
  parent?: CdpStack;
}

interface Entry {
  request: Request;
  window: number;
  status: number | null;
  setCookies: string[];
  headers: Promise<void> | null;
}

export type Recording = Pick<PhaseEvidence, 'requests' | 'cookies' | 'newCookies' | 'cookieWrites' | 'storage' | 'signals'>;

export class Recorder {
  private window = 0;
  private readonly entries: Entry[] = [];
  private readonly byRequest = new Map<Request, Entry>();
  /** CDP's initiators per URL, in the order the requests were sent. */
  private readonly initiators = new Map<string, { initiator: CdpInitiator; used: boolean }[]>();
  private readonly writes: (CookieWrite & { window: number })[] = [];
  private readonly sessions = new WeakSet<Page | Frame>();
  private jarAtMark = new Set<string>();
  private lastActivity = Date.now();
  /** The HTML of each document the main frame loaded, as served (read as the responses arrive). */
  private readonly documents = new Map<string, Promise<string>>();

  private constructor(private readonly context: BrowserContext) {}

  static async start(context: BrowserContext): Promise<Recorder> {
    const recorder = new Recorder(context);
    await context.exposeBinding(COOKIE_BINDING, ({ frame }, text: string, stack: string) => recorder.cookieWritten(frame, text, stack));
    await context.addInitScript(COOKIE_HOOK);
    context.on('request', (request) => recorder.requested(request));
    context.on('requestfinished', () => recorder.touch());
    context.on('requestfailed', () => recorder.touch());
    context.on('response', (response) => {
      const entry = recorder.byRequest.get(response.request());
      if (entry) {
        entry.status = response.status();
        entry.headers = response
          .headersArray()
          .then((headers) => {
            entry.setCookies = headers.filter((h) => h.name.toLowerCase() === 'set-cookie').flatMap((h) => h.value.split('\n')).map(cookieName).filter(Boolean);
          })
          .catch(() => {});
      }
      const request = response.request();
      if (request.isNavigationRequest() && request.frame().parentFrame() === null && request.resourceType() === 'document') {
        recorder.documents.set(
          request.url(),
          response.text().catch(() => ''),
        );
      }
    });
    return recorder;
  }

  /** The HTML a URL answered with in the main frame, once it has arrived (empty when it never did). */
  async document(url: string, timeoutMs: number): Promise<string> {
    const body = this.documents.get(url);
    return body ? within(body, timeoutMs, '') : '';
  }

  /** Starts listening to a page's initiators (and to those of its out-of-process frames as they appear). */
  async watch(page: Page): Promise<void> {
    await this.session(page);
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) void this.session(frame);
    });
  }

  private async session(target: Page | Frame) {
    if (this.sessions.has(target)) return;
    let cdp: CDPSession;
    try {
      cdp = await this.context.newCDPSession(target);
    } catch {
      // A frame in its parent's process (the page's session sees it), for now:
      // tried again when it navigates, as it may move to a process of its own.
      return;
    }
    this.sessions.add(target);
    cdp.on('Network.requestWillBeSent', (event: { request: { url: string }; initiator: CdpInitiator }) => {
      const list = this.initiators.get(event.request.url) ?? [];
      list.push({ initiator: event.initiator, used: false });
      this.initiators.set(event.request.url, list);
    });
    await cdp.send('Network.enable').catch(() => {});
  }

  private touch() {
    this.lastActivity = Date.now();
  }

  private requested(request: Request) {
    this.touch();
    const entry: Entry = { request, window: this.window, status: null, setCookies: [], headers: null };
    this.entries.push(entry);
    this.byRequest.set(request, entry);
  }

  private cookieWritten(frame: Frame, text: string, stack: string) {
    const name = cookieName(text);
    if (!name) return;
    const from = scriptOf(stack);
    const deletes = /max-age=\s*(0|-)/i.test(text) || /expires=[^;]*19[0-6]\d|expires=[^;]*1970/i.test(text);
    this.writes.push({ name, script: from?.url ?? null, line: from?.line ?? null, frame: frame.url(), deletes, window: this.window });
  }

  /** Starts a new window: what `collect` returns from now on. */
  async mark(): Promise<void> {
    this.window++;
    this.jarAtMark = new Set((await this.context.cookies().catch(() => [])).map((c) => `${c.name}@${c.domain}`));
  }

  /**
   * Waits until no request starts or ends for `quietMs`, at most `maxMs` and
   * at most five quiet spans (5 s at least): a page that polls never goes quiet.
   */
  async settle(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + Math.min(maxMs, Math.max(5000, quietMs * 5));
    this.touch();
    while (Date.now() < deadline && Date.now() - this.lastActivity < quietMs) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, quietMs)));
    }
  }

  /** What happened since the last mark, and the jar and storage now. */
  async collect(page: Page): Promise<Recording> {
    const entries = this.entries.filter((e) => e.window === this.window);
    await Promise.allSettled(entries.map((e) => e.headers));
    const requests = entries.map((entry) => this.describe(entry));
    const jar = await this.context.cookies().catch(() => []);
    const cookies: CookieRecord[] = jar.map((c) => ({
      name: c.name,
      domain: c.domain,
      path: c.path,
      expires: c.expires,
      httpOnly: c.httpOnly,
      secure: c.secure,
      sameSite: c.sameSite,
      partitioned: !!(c as { partitionKey?: string }).partitionKey,
    }));
    const newCookies = [...new Set(jar.filter((c) => !this.jarAtMark.has(`${c.name}@${c.domain}`)).map((c) => c.name))];
    const cookieWrites = this.writes.filter((w) => w.window === this.window).map(({ window: _, ...write }) => write);
    return { requests, cookies, newCookies, cookieWrites, storage: await storageOf(page), signals: await within(signalsOf(page), EVALUATE_MS, null) };
  }

  private describe(entry: Entry): RequestRecord {
    const { request } = entry;
    const url = request.url();
    let frame = '';
    try {
      frame = request.frame().url();
    } catch {
      frame = request.serviceWorker()?.url() ?? '';
    }
    return {
      url,
      method: request.method(),
      type: request.resourceType(),
      frame,
      initiator: this.initiatorOf(url, new Set()),
      status: entry.status,
      setCookies: entry.setCookies,
    };
  }

  // The CDP initiator of the first not yet matched request to this URL, then
  // what loaded the script that made it, up to the page.
  private initiatorOf(url: string, seen: Set<string>, claim = true): Initiator | null {
    const list = this.initiators.get(url) ?? [];
    const found = (claim ? list.find((i) => !i.used) : undefined) ?? list[0];
    if (!found) return null;
    if (claim) found.used = true;
    const { initiator } = found;
    if (initiator.type === 'parser') {
      const line = initiator.lineNumber === undefined ? null : initiator.lineNumber + 1;
      return { type: 'parser', url: initiator.url ?? null, line, chain: ['parser'] };
    }
    const frame = topFrame(initiator.stack);
    if (initiator.type !== 'script' || !frame) return { type: 'other', url: initiator.url ?? null, line: null, chain: [initiator.type] };
    seen.add(url);
    const chain = [frame.url];
    if (!seen.has(frame.url)) {
      const parent = this.initiatorOf(frame.url, seen, false);
      chain.push(...(parent ? parent.chain : ['page']));
    }
    return { type: 'script', url: frame.url, line: frame.lineNumber + 1, chain };
  }
}

function topFrame(stack: CdpStack | undefined): { url: string; lineNumber: number } | null {
  for (let at = stack; at; at = at.parent) {
    const frame = at.callFrames.find((f) => /^https?:/.test(f.url));
    if (frame) return frame;
  }
  return null;
}

export function cookieName(header: string): string {
  const pair = header.split(';', 1)[0] ?? '';
  const at = pair.indexOf('=');
  return (at < 0 ? '' : pair.slice(0, at)).trim();
}

/** The first http(s) script in a V8 stack (`at f (https://…/a.js:3:14)`), skipping the cookie hook itself. */
export function scriptOf(stack: string): { url: string; line: number } | null {
  for (const line of stack.split('\n').slice(1)) {
    const match = /(https?:\/\/[^\s()]+?):(\d+):\d+\)?\s*$/.exec(line);
    if (match?.[1]) return { url: match[1], line: Number(match[2]) };
  }
  return null;
}

/** How long reading a frame may take: a page stuck in a loop does not hold up the scan. */
export const EVALUATE_MS = 5000;

/** A promise's value, or `fallback` when it takes longer than `ms` or fails. */
export function within<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise<T>((resolve) => {
    const timer = setTimeout(() => resolve(fallback), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(fallback);
      },
    );
  });
}

async function storageOf(page: Page): Promise<StorageRecord[]> {
  const found: StorageRecord[] = [];
  for (const frame of page.frames()) {
    const reading = frame
      .evaluate(async () => {
        const origin = location.origin;
        if (!origin || origin === 'null') return null;
        const safe = <T>(read: () => T, fallback: T): T => {
          try {
            return read();
          } catch {
            return fallback;
          }
        };
        const idb = safe(() => indexedDB.databases(), Promise.resolve([] as IDBDatabaseInfo[]));
        return {
          origin,
          local: safe(() => Object.keys(localStorage), [] as string[]),
          session: safe(() => Object.keys(sessionStorage), [] as string[]),
          indexed: ((await idb.catch(() => [])) as IDBDatabaseInfo[]).map((d) => d.name ?? '').filter(Boolean),
        };
      });
    const keys = await within(reading, EVALUATE_MS, null);
    if (!keys) continue;
    const add = (kind: StorageRecord['kind'], list: string[]) => {
      for (const key of list) if (!found.some((f) => f.kind === kind && f.origin === keys.origin && f.key === key)) found.push({ kind, origin: keys.origin, key });
    };
    add('localStorage', keys.local);
    add('sessionStorage', keys.session);
    add('indexedDB', keys.indexed);
  }
  return found;
}

function signalsOf(page: Page): Promise<Signals | null> {
  return page
    .evaluate(async () => {
      const w = window as unknown as Record<string, unknown>;
      const consentMode: { command: string; state: Record<string, string> }[] = [];
      const layer = Array.isArray(w.dataLayer) ? (w.dataLayer as unknown[]) : [];
      for (const item of layer) {
        // gtag() pushes its `arguments` object: ['consent', 'default', { ad_storage: 'denied' }].
        const args = item && typeof item === 'object' && 'length' in item ? Array.from(item as ArrayLike<unknown>) : [];
        if (args[0] !== 'consent' || typeof args[1] !== 'string' || typeof args[2] !== 'object' || !args[2]) continue;
        const state: Record<string, string> = {};
        for (const [key, value] of Object.entries(args[2] as Record<string, unknown>)) if (typeof value === 'string') state[key] = value;
        consentMode.push({ command: args[1], state });
      }
      const ask = <T>(call: (done: (value: T) => void) => void) =>
        new Promise<T | null>((resolve) => {
          setTimeout(() => resolve(null), 500);
          try {
            call(resolve);
          } catch {
            resolve(null);
          }
        });
      type Tcf = { cmpId?: number; gdprApplies?: boolean; tcString?: string };
      type Gpp = { gppString?: string; applicableSections?: number[]; signalStatus?: string };
      const tcfApi = w.__tcfapi as ((command: string, version: number, callback: (data: Tcf, ok: boolean) => void) => void) | undefined;
      const gppApi = w.__gpp as ((command: string, callback: (data: Gpp, ok: boolean) => void) => void) | undefined;
      const tcfData = typeof tcfApi === 'function' ? await ask<Tcf>((done) => tcfApi('getTCData', 2, (data) => done(data ?? {}))) : null;
      const gppData = typeof gppApi === 'function' ? await ask<Gpp>((done) => gppApi('ping', (data) => done(data ?? {}))) : null;
      return {
        consentMode,
        tcf: tcfData ? { cmpId: tcfData.cmpId ?? null, gdprApplies: tcfData.gdprApplies ?? null, tcString: tcfData.tcString ?? null } : null,
        gpp: gppData
          ? { gppString: gppData.gppString ?? null, applicableSections: Array.isArray(gppData.applicableSections) ? gppData.applicableSections : [], signalStatus: gppData.signalStatus ?? null }
          : null,
      };
    })
    .catch(() => null);
}
