import type { Settings } from '../config/types';
import type { Tracker } from '../catalogue/runtime';
import { CATEGORY_ATTR, HELD_TYPE, SERVICE_ATTR, TYPE_ATTR } from '../markup';
import { guard, logInfo, logWarning } from '../log';
import { createTrackerIndex, type Match } from './hosts';
import { intercept, type Vector } from './intercept';
import { applyPolicy, strictPolicy } from './strict';

export interface AutoBlockOptions {
  settings: Settings;
  isAllowed(name: string): boolean;
  isKnown(name: string): boolean;
  /** Whether isAllowed can answer without a synchronous read of the cookie (Store.isRead). */
  isRead(): boolean;
  /** Calls `run` once it can (Store.whenRead). */
  whenRead(run: () => void): void;
  /** Hands an element rewritten into marked form to the gate (Gate.hold). */
  hold(element: Element): void;
  /** The drop-in's own URL: its host is allowed under strict mode, its frames are left out of initiators. */
  ownUrl: string;
}

export interface AutoBlock {
  /**
   * Brings what auto-blocking let through in step with a changed decision;
   * returns how many running elements it stopped. Under strict mode, a
   * decision that allows more reloads the page once: a policy can only be tightened.
   */
  update(): number;
}

/** What `holdback:blocked` events carry. */
export interface BlockedDetail {
  url: string;
  service: string;
  category: string;
  vector: Vector;
  /** false under `autoBlock: 'report'`, which holds nothing back. */
  held: boolean;
  initiator: string;
}

/**
 * Holds back what goes to well-known tracker hosts that nobody marked. It runs
 * from the drop-in's own script tag, before the page's tags: requests are
 * judged as they are made, held elements are rewritten into the marked form
 * the gate lets go, and requests no element carries are dropped.
 */
export function startAutoBlock(options: AutoBlockOptions & { trackers: readonly Tracker[] }): AutoBlock {
  const { settings, isAllowed, isKnown } = options;
  const mode = settings.autoBlock.mode;
  const index = createTrackerIndex(settings, options.trackers, settings.autoBlock.ignore);
  const { setAttribute, removeAttribute } = Element.prototype;
  const set = (element: Element, name: string, value: string) => setAttribute.call(element, name, value);
  const ours = new WeakSet<Element>();
  // Trackers let through because they were allowed, to stop if that changes.
  const passed = new Map<Element, Match>();
  // URLs reported and categories warned about, each once.
  const logged = new Set<string>();
  const declared = new Set(settings.categories.flatMap((category) => category.services.map((service) => service.name)));

  // Announcements of what was held while the stored choice was on its way: made once it is known, if it still holds.
  let pending: (() => void)[] | null = null;
  const later = (run: () => void) => {
    if (!pending) {
      pending = [];
      options.whenRead(() => {
        for (const announce of pending ?? []) announce();
        pending = null;
      });
    }
    pending.push(run);
  };
  const allowedNow = (match: Match) => match.passes || (isKnown(match.requirement) && isAllowed(match.requirement));

  function matchOf(url: string): Match | null {
    // Every tracker is on another host, so its address has "//" in it; most of a page's are relative.
    if (!url.includes('//')) return null;
    let parsed: URL;
    try {
      parsed = new URL(url, document.baseURI);
    } catch {
      return null;
    }
    // First-party requests and other schemes (data:, blob:) are never touched.
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.host === location.host) return null;
    return index.match(parsed);
  }

  function announce(url: string, match: Match, vector: Vector): void {
    const initiator = vector === 'parser' ? 'the page’s HTML' : initiatorOf(new Error().stack, options.ownUrl);
    const detail: BlockedDetail = { url, service: match.id, category: match.category, vector, held: mode !== 'report', initiator };
    window.dispatchEvent(new CustomEvent('holdback:blocked', { detail }));
    if (mode === 'report' && !logged.has(url)) {
      logged.add(url);
      logInfo(`auto-blocking would hold back ${url} (${match.title}, ${match.category}), requested by ${vector} from ${initiator}.`);
    }
    if (!isKnown(match.category) && !logged.has(match.category)) {
      logged.add(match.category);
      logWarning(`${match.title} stays held back: the config has no category "${match.category}"; declare "${match.id}" in one of its categories.`);
    }
  }

  function rewrite(element: Element, attribute: string, url: string, match: Match, handOver: boolean): void {
    // data-src, data-srcset, data-href: the markup the gate lets go.
    set(element, `data-${attribute}`, url);
    set(element, CATEGORY_ATTR, match.category);
    if (declared.has(match.id)) set(element, SERVICE_ATTR, match.id);
    if (element instanceof HTMLScriptElement) {
      const type = element.getAttribute('type');
      if (type && type.trim().toLowerCase() !== HELD_TYPE) set(element, TYPE_ATTR, type);
      set(element, 'type', HELD_TYPE);
    }
    // Written in the HTML or set some other way: take the live address away too.
    if (element.hasAttribute(attribute)) {
      if (element instanceof HTMLIFrameElement) set(element, 'src', 'about:blank');
      else removeAttribute.call(element, attribute);
    }
    if (!handOver) return; // an element of a markup string: the gate finds it once it is in the page
    ours.add(element);
    if (isKnown(match.category)) options.hold(element);
  }

  function judgeElement(element: Element, attribute: string, value: string, vector: Vector): boolean {
    // Marked by the site: that is the gate's business.
    if (element.hasAttribute(CATEGORY_ATTR) && !ours.has(element)) return false;
    const urls = attribute === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
    let match: Match | null = null;
    for (const url of urls) match ??= matchOf(url);
    if (!match) return false;
    // While the stored choice is still on its way (the Cookie Store read), an
    // element is held rather than the cookie read synchronously: the gate lets
    // it go as soon as the choice is known, if it allows it. Only report mode,
    // which must tell exactly what it would hold, reads at once.
    const known = match.passes || mode === 'report' || options.isRead();
    if (known && allowedNow(match)) {
      if (!match.passes) remember(element, match);
      return false;
    }
    if (known) announce(value, match, vector);
    else later(() => allowedNow(match) || announce(value, match, vector));
    if (mode === 'report') return false;
    rewrite(element, attribute, value, match, vector !== 'html' && vector !== 'write');
    if (vector === 'parser') warnParsed(element, value, match);
    return true;
  }

  // A pixel has sent its request once it has its address: there is nothing to stop later.
  // Scripts and frames that left the page are forgotten, so that a long visit keeps few.
  function remember(element: Element, match: Match): void {
    if (element instanceof HTMLImageElement) return;
    passed.set(element, match);
    if (passed.size > 256) for (const known of passed.keys()) if (!known.isConnected && known !== element) passed.delete(known);
  }

  function warnParsed(element: Element, url: string, match: Match): void {
    logWarning(
      `<${element.localName}> for ${url} is in the HTML, so the browser's preload scanner fetched it before any script could act; holdback could only stop it there. Mark it with data-category="${match.category}", or send strict mode's policy as a header.`,
    );
  }

  intercept(window as Window & typeof globalThis, {
    // An element that cannot be judged is not given its address: fail closed.
    element: guard('auto-blocking', judgeElement, true),
    retype: guard(
      'auto-blocking',
      (script: HTMLScriptElement, type: string) => {
        if (!ours.has(script) || script.getAttribute('type') !== HELD_TYPE) return false;
        set(script, TYPE_ATTR, type);
        return true;
      },
      false,
    ),
    // A request that cannot be judged is dropped: fail closed.
    drop: guard(
      'auto-blocking',
      (url: string, vector: Vector) => {
        const match = matchOf(url);
        if (!match || allowedNow(match)) return false;
        announce(url, match, vector);
        return mode !== 'report';
      },
      true,
    ),
  });

  let policyAllows: Set<Match> | null = null;
  if (mode === 'strict' && index.patterns().some(({ match }) => !allowedNow(match))) {
    const origins = [options.ownUrl, settings.recordEndpoint].flatMap((url) => {
      try {
        return url ? [new URL(url, document.baseURI).origin] : [];
      } catch {
        return [];
      }
    });
    applyPolicy(document, strictPolicy(index, allowedNow, origins));
    policyAllows = new Set(
      index
        .patterns()
        .map(({ match }) => match)
        .filter(allowedNow),
    );
  }

  return {
    update() {
      let stopped = 0;
      for (const [element, match] of passed) {
        if (allowedNow(match)) continue;
        passed.delete(element);
        if (!element.isConnected) continue;
        stopped++;
        if (element instanceof HTMLScriptElement) {
          element.remove();
          continue;
        }
        const attribute = element instanceof HTMLLinkElement ? 'href' : 'src';
        const value = element.getAttribute(attribute);
        if (value) rewrite(element, attribute, value, match, true);
      }
      const allows = policyAllows;
      if (allows && index.patterns().some(({ match }) => allowedNow(match) && !allows.has(match))) {
        policyAllows = null; // once
        // After the rest of the change (records, listeners) has gone out.
        setTimeout(() => location.reload());
      }
      return stopped;
    },
  };
}

// The first frame of a stack that is not holdback's own: the script that made the request.
function initiatorOf(stack: string | undefined, ownUrl: string): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const found = /(https?:\/\/[^\s()]+|about:[^\s()]+)/.exec(line)?.[1];
    if (found && (!ownUrl || !found.startsWith(ownUrl))) return found;
  }
  return 'an unknown script';
}
