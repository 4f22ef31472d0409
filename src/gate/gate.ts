import { isMet, names, parseRequirement, type Requirement } from '../consent/requirement';
import { guard } from '../log';
import { CATEGORY_ATTR, SERVICE_ATTR } from '../markup';
import { copyScript, describeElement, type Kind, kindOf, leakOf, loadSource, unloadSource } from './elements';
import { createScriptQueue } from './script-queue';

export interface GateOptions {
  /** Whether a category or service is allowed now. */
  isAllowed(name: string): boolean;
  /** Whether the config defines a category or service of this name. */
  isKnown(name: string): boolean;
  /** The category a service belongs to. */
  categoryOf(service: string): string | undefined;
  /** The nonce of holdback's own script tag, for scripts that have none. */
  nonce: string;
  /** Calls `run` once `isAllowed` can answer without blocking (see Store.whenRead). */
  whenReady?(run: () => void): void;
  /** Tells the site owner about a markup mistake. */
  report(message: string): void;
  /**
   * Shows a placeholder in place of a held embed; returns what removes it.
   * `loadOnce` lets that one embed go for this page view.
   */
  placeholder?(frame: HTMLIFrameElement, loadOnce: () => void): () => void;
}

export interface Gate {
  /** Lets go what is allowed now and stops what no longer is; returns how many running elements it stopped. */
  update(): number;
  stop(): void;
}

interface Entry {
  element: Element;
  kind: Kind;
  requirement: Requirement;
  state: 'held' | 'queued' | 'active';
  copy: HTMLScriptElement | null;
  /** Removes the embed's placeholder. */
  unplace: (() => void) | null;
  /** Let go by "Load once": stays for this page view whatever the decision. */
  once: boolean;
}

/**
 * Finds the marked elements of a document and keeps each in step with the
 * decision. It starts scanning once the document is parsed (so that a held
 * script's text is complete), then watches for elements added later.
 */
export function createGate(document: Document, options: GateOptions): Gate {
  const entries = new Map<Element, Entry>();
  // Elements that left the document keep their state, so one that comes back does not run twice.
  const departed = new WeakMap<Element, Entry>();
  const copies = new WeakSet<Element>();
  const enqueue = createScriptQueue();
  let observer: MutationObserver | null = null;
  let started = false;
  let stopped = false;

  // Pages repeat the same few values thousands of times: parse each once.
  const parsed = new Map<string, { requirement: Requirement | null; problem: string }>();
  function parse(categories: string, service: string | null): { requirement: Requirement | null; problem: string } {
    const key = `${categories}|${service ?? ''}`;
    let result = parsed.get(key);
    if (!result) {
      const requirement = parseRequirement(categories);
      // A service stands for its category: the visitor may allow the one
      // service without the rest of its category (its choice follows the category unless set).
      const serviceName = service?.trim();
      if (requirement && serviceName) {
        const owner = options.categoryOf(serviceName);
        requirement.all = requirement.all.filter((name) => name !== owner);
        requirement.all.push(serviceName);
      }
      const unknown = requirement ? names(requirement).filter((name) => !options.isKnown(name)) : [];
      result =
        requirement && unknown.length === 0
          ? { requirement, problem: '' }
          : { requirement: null, problem: requirement ? `names ${unknown.map((n) => `"${n}"`).join(', ')}, which the config does not define` : 'names no category' };
      parsed.set(key, result);
    }
    return result;
  }

  function adopt(element: Element, adopted: Entry[]): void {
    if (entries.has(element) || copies.has(element)) return;
    const known = departed.get(element);
    if (known) {
      entries.set(element, known);
      adopted.push(known);
      return;
    }
    const kind = kindOf(element);
    if (!kind) {
      const leak = leakOf(element);
      if (leak) options.report(`${describeElement(element)} ${leak}.`);
      return;
    }
    const { requirement, problem } = parse(element.getAttribute(CATEGORY_ATTR) ?? '', element.getAttribute(SERVICE_ATTR));
    if (!requirement) {
      options.report(`${describeElement(element)} ${problem}; it stays held back.`);
      return;
    }
    const entry: Entry = { element, kind, requirement, state: 'held', copy: null, unplace: null, once: false };
    entries.set(element, entry);
    adopted.push(entry);
  }

  function scan(root: ParentNode, adopted: Entry[]): void {
    if (root instanceof Element && root.hasAttribute(CATEGORY_ATTR)) adopt(root, adopted);
    if (root.firstElementChild) for (const element of root.querySelectorAll(`[${CATEGORY_ATTR}]`)) adopt(element, adopted);
  }

  function hold(entry: Entry): void {
    const { element } = entry;
    if (element instanceof HTMLIFrameElement && options.placeholder && !entry.unplace) {
      entry.unplace = options.placeholder(element, () => {
        entry.once = true;
        if (entry.state === 'held') activate(entry);
      });
    }
  }

  function activate(entry: Entry): void {
    entry.unplace?.();
    entry.unplace = null;
    if (entry.kind === 'source') {
      loadSource(entry.element as HTMLImageElement);
      entry.state = 'active';
      return;
    }
    entry.state = 'queued';
    enqueue(() => {
      // The decision may have changed while earlier scripts were loading.
      if (entry.state !== 'queued' || !entry.element.isConnected) {
        if (entry.state === 'queued') entry.state = 'held';
        return null;
      }
      const { script, blocking } = copyScript(entry.element as HTMLScriptElement, options.nonce);
      copies.add(script);
      entry.copy = script;
      entry.state = 'active';
      entry.element.after(script);
      return blocking ? script : null;
    });
  }

  function withdraw(entry: Entry): void {
    if (entry.kind === 'source') unloadSource(entry.element as HTMLImageElement);
    entry.copy?.remove();
    entry.copy = null;
    entry.state = 'held';
    hold(entry);
  }

  /** Brings entries in step with the decision; returns how many running ones it stopped. */
  function settle(list: Iterable<Entry>, adopted = false): number {
    let stopped = 0;
    // Elements share requirements: decide each one once per pass.
    const met = new Map<Requirement, boolean>();
    for (const entry of list) {
      let wanted = met.get(entry.requirement);
      if (wanted === undefined) {
        wanted = isMet(entry.requirement, options.isAllowed);
        met.set(entry.requirement, wanted);
      }
      if (wanted && entry.state === 'held') activate(entry);
      else if (!wanted && entry.state !== 'held' && !entry.once) {
        // A fallback ("!marketing") that goes because marketing is allowed withdraws nothing.
        if (entry.state === 'active' && entry.requirement.all.some((name) => !options.isAllowed(name))) stopped++;
        withdraw(entry);
      } else if (!wanted && adopted) hold(entry);
    }
    return stopped;
  }

  function onMutations(records: MutationRecord[]): void {
    const adopted: Entry[] = [];
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node, adopted);
    }
    settle(adopted, true);
  }

  function begin(): void {
    if (started || stopped) return;
    started = true;
    const adopted: Entry[] = [];
    scan(document, adopted);
    settle(adopted, true);
    observer = new MutationObserver(guard('holding back added elements', onMutations, undefined));
    observer.observe(document, { childList: true, subtree: true });
  }

  const firstScan = guard('the first scan of the page', begin, undefined);
  // The first scan waits for the parsed document (so that held scripts are
  // whole) and for the stored choice (so that reading it blocks nothing).
  const start = () => (options.whenReady ? options.whenReady(firstScan) : firstScan());
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();

  return {
    update() {
      if (!started) return 0;
      for (const [element, entry] of entries) {
        if (!element.isConnected) {
          entries.delete(element);
          departed.set(element, entry);
        }
      }
      return settle(entries.values());
    },
    stop() {
      stopped = true;
      document.removeEventListener('DOMContentLoaded', start);
      observer?.disconnect();
    },
  };
}
