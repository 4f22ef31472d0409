import { isMet, names, parseRequirement, type Requirement } from '../consent/requirement';
import { guard } from '../log';
import { CATEGORY_ATTR, SERVICE_ATTR } from '../markup';
import { copyScript, describeElement, type Kind, keepDomMethods, kindOf, type Loadable, leakOf, loadSource, unloadSource } from './elements';
import { guardWrites } from './document-write';
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
  /**
   * Holds back an element that was not marked in the page but has been
   * rewritten into marked form (auto-blocking does this). It is kept in step
   * even while it is not in the document: a pixel made with `new Image()` is
   * never inserted, yet it must load once allowed.
   */
  hold(element: Element): void;
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
  /** Handed over by hold(): kept while it is out of the document. */
  pinned: boolean;
}

/**
 * Finds the marked elements of a document and keeps each in step with the
 * decision. It starts scanning once the document is parsed (so that a held
 * script's text is complete), then watches for elements added later.
 */
export function createGate(document: Document, options: GateOptions): Gate {
  keepDomMethods();
  // As it is when holdback starts: the first scan comes later, when the page's own scripts have run.
  const Observer = MutationObserver;
  const entries = new Map<Element, Entry>();
  // Elements that left the document keep their state, so one that comes back does not run twice.
  const departed = new WeakMap<Element, Entry>();
  const copies = new WeakSet<Element>();
  let writesGuarded = false;
  // Held embeds that have a placeholder beside them now.
  const placed = new Set<Entry>();
  const enqueue = createScriptQueue();
  let observer: MutationObserver | null = null;
  // Elements handed over by hold() before the first scan.
  const early: Element[] = [];
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
          : {
              requirement: null,
              problem: requirement ? `names ${unknown.map((n) => `"${n}"`).join(', ')}, which the config does not define` : 'names no category',
            };
      parsed.set(key, result);
    }
    return result;
  }

  function adopt(element: Element, adopted: Entry[], pinned = false): void {
    const existing = entries.get(element);
    // A held embed that was handed over detached, or that a single-page app
    // moved, gets its placeholder once it is in the page.
    if (existing && existing.state === 'held' && !existing.unplace && element.isConnected) adopted.push(existing);
    if (existing || copies.has(element)) return;
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
    const entry: Entry = { element, kind, requirement, state: 'held', copy: null, unplace: null, once: false, pinned };
    entries.set(element, entry);
    adopted.push(entry);
  }

  function scan(root: ParentNode, adopted: Entry[]): void {
    if (root instanceof Element && root.hasAttribute(CATEGORY_ATTR)) adopt(root, adopted);
    if (root.firstElementChild) for (const element of root.querySelectorAll(`[${CATEGORY_ATTR}]`)) adopt(element, adopted);
  }

  function hold(entry: Entry): void {
    const { element } = entry;
    if (element instanceof HTMLIFrameElement && element.isConnected && options.placeholder && !entry.unplace) {
      entry.unplace = options.placeholder(element, () => {
        entry.once = true;
        if (entry.state === 'held') activate(entry);
      });
      placed.add(entry);
    }
  }

  function unplace(entry: Entry): void {
    entry.unplace?.();
    entry.unplace = null;
    placed.delete(entry);
  }

  function activate(entry: Entry): void {
    unplace(entry);
    if (entry.kind === 'source') {
      loadSource(entry.element as Loadable);
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
      let copy: ReturnType<typeof copyScript>;
      try {
        copy = copyScript(entry.element as HTMLScriptElement, options.nonce);
      } catch (error) {
        // A page policy (Trusted Types) that refuses the script: it stays held back, the others go on.
        entry.state = 'held';
        options.report(`${describeElement(entry.element)} could not be let go: ${error instanceof Error ? error.message : String(error)}.`);
        return null;
      }
      const { script, blocking } = copy;
      copies.add(script);
      if (!writesGuarded) {
        writesGuarded = true;
        guardWrites(document, (element) => copies.has(element), options.report);
      }
      entry.copy = script;
      entry.state = 'active';
      entry.element.after(script);
      return blocking ? script : null;
    });
  }

  function withdraw(entry: Entry): void {
    if (entry.kind === 'source') unloadSource(entry.element as Loadable);
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
    // An embed the page took out takes its placeholder with it (it comes back if the embed does).
    if (placed.size > 0 && records.some((record) => record.removedNodes.length > 0)) {
      for (const entry of placed) if (!entry.element.isConnected) unplace(entry);
    }
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
    for (const element of early.splice(0)) adopt(element, adopted, true);
    settle(adopted, true);
    observer = new Observer(guard('holding back added elements', onMutations, undefined));
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
        if (!element.isConnected && !entry.pinned) {
          entries.delete(element);
          departed.set(element, entry);
        }
      }
      return settle(entries.values());
    },
    hold(element) {
      if (!started) {
        early.push(element);
        return;
      }
      const adopted: Entry[] = [];
      adopt(element, adopted, true);
      settle(adopted, true);
    },
    stop() {
      stopped = true;
      document.removeEventListener('DOMContentLoaded', start);
      observer?.disconnect();
    },
  };
}
