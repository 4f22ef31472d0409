import { CATEGORY_ATTR } from '../markup';
import { type DropCheck, patchRequests } from './requests';

/** How a request was about to be made, as `holdback:blocked` events report it. */
export type Vector =
  | 'script'
  | 'img'
  | 'iframe'
  | 'link'
  | 'source'
  | 'html'
  | 'write'
  | 'insert'
  | 'parser'
  | 'fetch'
  | 'xhr'
  | 'beacon'
  | 'worker';

export interface Judge {
  /**
   * An element is about to get `url` in `attribute`. Returns true when
   * auto-blocking took the element over (held it back): the caller must then
   * not set the attribute.
   */
  element(element: Element, attribute: string, url: string, vector: Vector): boolean;
  /** A script set `type` on a script that auto-blocking holds: true when it kept the value aside. */
  retype(script: HTMLScriptElement, type: string): boolean;
  drop: DropCheck;
}

type Realm = Window & typeof globalThis;

// The attributes through which each element fetches something.
const URL_ATTRIBUTES: Record<string, string[]> = {
  script: ['src'],
  img: ['src', 'srcset'],
  iframe: ['src'],
  link: ['href'],
  source: ['src', 'srcset'],
};
const SELECTOR = Object.keys(URL_ATTRIBUTES).join(',');

/** The attributes of an element that fetch something, or undefined for other elements. */
export function urlAttributes(element: Element): string[] | undefined {
  return element.namespaceURI === 'http://www.w3.org/1999/xhtml' ? URL_ATTRIBUTES[element.localName] : undefined;
}

/**
 * Patches a window so that every way a script can make an element fetch, or
 * send a request, asks the judge first: at creation (property setters and
 * setAttribute), for markup strings before they are parsed (innerHTML and
 * its kin, document.write), at insertion (for what was built some other way),
 * and in same-origin frames that scripts create, which have DOM classes of
 * their own.
 */
export function intercept(realm: Realm, judge: Judge): void {
  const installed = new WeakSet<Window>();
  let adopting = false; // reading contentWindow below goes through the patched getter again

  function install(win: Realm): void {
    if (installed.has(win)) return;
    installed.add(win);
    patchElements(win, judge, (frame) => {
      if (adopting) return;
      adopting = true;
      try {
        const child = frame.contentWindow as Realm | null;
        // Reading the document throws for a cross-origin frame, which has its own rules.
        if (child?.document) install(child);
      } catch {
      } finally {
        adopting = false;
      }
    });
    patchRequests(win, judge.drop);
  }
  install(realm);
}

function patchElements(win: Realm, judge: Judge, adopt: (frame: HTMLIFrameElement) => void): void {
  const { Element, HTMLScriptElement, HTMLIFrameElement, Node, Document, ShadowRoot, Range } = win;
  const setAttribute = Element.prototype.setAttribute;
  const unmarked = (element: Element) => !element.hasAttribute(CATEGORY_ATTR);

  function setter(proto: object, property: string, attribute: string, vector: Vector): void {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    const set = descriptor?.set;
    if (!descriptor || !set) return;
    Object.defineProperty(proto, property, {
      ...descriptor,
      set(this: Element, value: unknown) {
        if (!judge.element(this, attribute, String(value), vector)) set.call(this, value);
      },
    });
  }
  setter(win.HTMLScriptElement.prototype, 'src', 'src', 'script');
  setter(win.HTMLImageElement.prototype, 'src', 'src', 'img');
  setter(win.HTMLImageElement.prototype, 'srcset', 'srcset', 'img');
  setter(win.HTMLIFrameElement.prototype, 'src', 'src', 'iframe');
  setter(win.HTMLLinkElement.prototype, 'href', 'href', 'link');
  setter(win.HTMLSourceElement.prototype, 'src', 'src', 'source');
  setter(win.HTMLSourceElement.prototype, 'srcset', 'srcset', 'source');

  const type = Object.getOwnPropertyDescriptor(HTMLScriptElement.prototype, 'type');
  if (type?.set) {
    const set = type.set;
    Object.defineProperty(HTMLScriptElement.prototype, 'type', {
      ...type,
      set(this: HTMLScriptElement, value: unknown) {
        if (!judge.retype(this, String(value))) set.call(this, value);
      },
    });
  }

  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    const attribute = String(name).toLowerCase();
    if (urlAttributes(this)?.includes(attribute) && judge.element(this, attribute, String(value), vectorOf(this))) return;
    if (attribute === 'type' && this instanceof HTMLScriptElement && judge.retype(this, String(value))) return;
    setAttribute.call(this, name, value);
  };

  // Before insertion: a script fetches when it is inserted, and an element
  // built some other way (cloned, parsed elsewhere) has not been judged yet.
  // After: a same-origin frame has its window only once it is in the page.
  function judgeTree(node: unknown): HTMLIFrameElement[] {
    const frames: HTMLIFrameElement[] = [];
    if (!(node instanceof Node)) return frames;
    const visit = (element: Element) => {
      if (element instanceof HTMLIFrameElement) frames.push(element);
      if (!unmarked(element)) return;
      for (const attribute of urlAttributes(element) ?? []) {
        const value = element.getAttribute(attribute);
        if (value !== null && judge.element(element, attribute, value, 'insert')) break;
      }
    };
    if (node instanceof Element && urlAttributes(node)) visit(node);
    if ('querySelectorAll' in node && (node as ParentNode).firstElementChild) {
      for (const element of (node as ParentNode).querySelectorAll(SELECTOR)) visit(element);
    }
    return frames;
  }
  function wrapInsertion(proto: object, method: string): void {
    const native = (proto as Record<string, unknown>)[method];
    if (typeof native !== 'function') return;
    (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
      const frames = args.flatMap(judgeTree);
      const result = native.apply(this, args);
      for (const frame of frames) adopt(frame);
      return result;
    };
  }
  for (const method of ['appendChild', 'insertBefore', 'replaceChild']) wrapInsertion(Node.prototype, method);
  for (const method of ['append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement']) {
    wrapInsertion(Element.prototype, method);
  }
  for (const method of ['append', 'prepend']) wrapInsertion(win.DocumentFragment.prototype, method);

  // Markup strings: rewritten before the browser parses them, so that a tracker
  // in them never starts loading. Scripts in innerHTML never run, so they are left as they are.
  const template = win.document.createElement('template');
  const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
  function rewrite(html: string, vector: Vector, scripts: boolean): string {
    // Every tracker is on another host, so its address has "//" in it.
    if (!html.includes('//')) return html;
    innerHTML.set!.call(template, html);
    let changed = false;
    for (const element of template.content.querySelectorAll(SELECTOR)) {
      if (!unmarked(element) || (!scripts && element instanceof HTMLScriptElement)) continue;
      for (const attribute of urlAttributes(element) ?? []) {
        const value = element.getAttribute(attribute);
        if (value !== null && judge.element(element, attribute, value, vector)) {
          changed = true;
          break;
        }
      }
    }
    const result = changed ? (innerHTML.get!.call(template) as string) : html;
    innerHTML.set!.call(template, '');
    return result;
  }
  function markupSetter(proto: object, property: string): void {
    const descriptor = Object.getOwnPropertyDescriptor(proto, property);
    const set = descriptor?.set;
    if (!descriptor || !set) return;
    Object.defineProperty(proto, property, {
      ...descriptor,
      set(this: Element, value: unknown) {
        const inert = this instanceof win.HTMLTemplateElement;
        set.call(this, inert ? value : rewrite(String(value), 'html', false));
      },
    });
  }
  markupSetter(Element.prototype, 'innerHTML');
  markupSetter(Element.prototype, 'outerHTML');
  if (ShadowRoot) markupSetter(ShadowRoot.prototype, 'innerHTML');
  const adjacent = Element.prototype.insertAdjacentHTML;
  Element.prototype.insertAdjacentHTML = function (this: Element, position: InsertPosition, html: string) {
    adjacent.call(this, position, rewrite(String(html), 'html', false));
  };
  // Scripts in a contextual fragment, and those document.write adds, do run.
  const contextual = Range.prototype.createContextualFragment;
  Range.prototype.createContextualFragment = function (this: Range, html: string) {
    return contextual.call(this, rewrite(String(html), 'html', true));
  };
  for (const method of ['write', 'writeln'] as const) {
    const native = Document.prototype[method];
    Document.prototype[method] = function (this: Document, ...chunks: string[]) {
      native.call(this, rewrite(chunks.join(''), 'write', true));
    };
  }

  // A same-origin frame's window, the moment a script reaches for it.
  for (const property of ['contentWindow', 'contentDocument']) {
    const descriptor = Object.getOwnPropertyDescriptor(HTMLIFrameElement.prototype, property);
    const get = descriptor?.get;
    if (!descriptor || !get) continue;
    Object.defineProperty(HTMLIFrameElement.prototype, property, {
      ...descriptor,
      get(this: HTMLIFrameElement) {
        const value = get.call(this);
        if (value) adopt(this);
        return value;
      },
    });
  }
}

function vectorOf(element: Element): Vector {
  const name = element.localName;
  return name === 'script' || name === 'img' || name === 'iframe' || name === 'link' || name === 'source' ? name : 'insert';
}
