import { sameTrust } from '../trusted-types';
import { CATEGORY_ATTR } from '../markup';
import { type DropCheck, patchRequests } from './requests';

/** How a request was about to be made, as `holdback:blocked` events report it. */
export type Vector = 'script' | 'img' | 'iframe' | 'link' | 'source' | 'html' | 'write' | 'insert' | 'parser' | 'fetch' | 'xhr' | 'beacon';

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
 * and in same-origin frames whose window a script reaches for, which have DOM
 * classes of their own.
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

// Replaces an accessor of a prototype; `wrap` gets the original accessor.
function accessor(proto: object, property: string, wrap: (original: PropertyDescriptor) => Pick<PropertyDescriptor, 'get' | 'set'>): void {
  const descriptor = Object.getOwnPropertyDescriptor(proto, property);
  if (descriptor?.set || descriptor?.get) Object.defineProperty(proto, property, { ...descriptor, ...wrap(descriptor) });
}

// Replaces a method of a prototype; `wrap` gets the original method.
function method(proto: object, name: string, wrap: (original: (...args: unknown[]) => unknown) => (...args: unknown[]) => unknown): void {
  const original = (proto as Record<string, unknown>)[name];
  if (typeof original === 'function') (proto as Record<string, unknown>)[name] = wrap(original as (...args: unknown[]) => unknown);
}

function patchElements(win: Realm, judge: Judge, adopt: (frame: HTMLIFrameElement) => void): void {
  const { Element, HTMLScriptElement, HTMLIFrameElement, Node } = win;
  const unmarked = (element: Element) => !element.hasAttribute(CATEGORY_ATTR);

  for (const [name, attributes] of Object.entries(URL_ATTRIBUTES)) {
    const proto = win.document.createElement(name).constructor.prototype as object;
    for (const attribute of attributes) {
      accessor(proto, attribute, ({ set }) => ({
        set(this: Element, value: unknown) {
          if (!judge.element(this, attribute, String(value), name as Vector)) set!.call(this, value);
        },
      }));
    }
  }
  accessor(HTMLScriptElement.prototype, 'type', ({ set }) => ({
    set(this: HTMLScriptElement, value: unknown) {
      if (!judge.retype(this, String(value))) set!.call(this, value);
    },
  }));
  method(
    Element.prototype,
    'setAttribute',
    (setAttribute) =>
      function (this: Element, ...args: unknown[]) {
        const attribute = String(args[0]).toLowerCase();
        const value = String(args[1]);
        if (urlAttributes(this)?.includes(attribute) && judge.element(this, attribute, value, this.localName as Vector)) return;
        if (attribute === 'type' && this instanceof HTMLScriptElement && judge.retype(this, value)) return;
        return setAttribute.apply(this, args);
      },
  );

  // Before insertion: a script fetches when it is inserted, and an element
  // built some other way (cloned, parsed elsewhere) has not been judged yet.
  const visit = (element: Element, vector: Vector) => {
    if (!unmarked(element)) return false;
    for (const attribute of urlAttributes(element) ?? []) {
      const value = element.getAttribute(attribute);
      if (value !== null && judge.element(element, attribute, value, vector)) return true;
    }
    return false;
  };
  const inserting = (node: unknown) => {
    if (!(node instanceof Node)) return;
    if (node instanceof Element && urlAttributes(node)) visit(node, 'insert');
    if ((node as ParentNode).firstElementChild) for (const element of (node as ParentNode).querySelectorAll(SELECTOR)) visit(element, 'insert');
  };
  // `first`: only the first argument is inserted (insertBefore's second is the reference node).
  const insertion = (native: (...args: unknown[]) => unknown, first = false) =>
    function (this: unknown, ...args: unknown[]) {
      (first ? args.slice(0, 1) : args).forEach(inserting);
      return native.apply(this, args);
    };
  for (const name of ['appendChild', 'insertBefore', 'replaceChild']) method(Node.prototype, name, (native) => insertion(native, true));
  for (const name of ['append', 'prepend', 'before', 'after', 'replaceWith', 'insertAdjacentElement']) {
    method(Element.prototype, name, insertion);
  }
  for (const name of ['append', 'prepend']) method(win.DocumentFragment.prototype, name, insertion);

  // Markup strings: rewritten before the browser parses them, so that a tracker
  // in them never starts loading. Scripts in innerHTML never run, so they are left as they are.
  const template = win.document.createElement('template');
  const html = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML')!;
  // What the page passed stays as it was unless a tracker had to be held back
  // (so that a TrustedHTML value stays one, and a plain string is judged by the browser as before).
  const rewrite = (markup: unknown, vector: Vector, scripts: boolean): unknown => {
    const text = String(markup);
    // Every tracker is on another host, so its address has "//" in it.
    if (!text.includes('//')) return markup;
    html.set!.call(template, sameTrust(markup, text));
    let changed = false;
    for (const element of template.content.querySelectorAll(SELECTOR)) {
      if (scripts || !(element instanceof HTMLScriptElement)) changed = visit(element, vector) || changed;
    }
    const result = changed ? sameTrust(markup, html.get!.call(template) as string) : markup;
    html.set!.call(template, sameTrust(markup, ''));
    return result;
  };
  const markup = ({ set }: PropertyDescriptor) => ({
    set(this: Element, value: unknown) {
      set!.call(this, this instanceof win.HTMLTemplateElement ? value : rewrite(value, 'html', false));
    },
  });
  accessor(Element.prototype, 'innerHTML', markup);
  accessor(Element.prototype, 'outerHTML', markup);
  if (win.ShadowRoot) accessor(win.ShadowRoot.prototype, 'innerHTML', markup);
  method(
    Element.prototype,
    'insertAdjacentHTML',
    (native) =>
      function (this: Element, position: unknown, text: unknown) {
        return native.call(this, position, rewrite(text, 'html', false));
      },
  );
  // Scripts in a contextual fragment, and those document.write adds, do run.
  method(
    win.Range.prototype,
    'createContextualFragment',
    (native) =>
      function (this: Range, text: unknown) {
        return native.call(this, rewrite(text, 'html', true));
      },
  );
  for (const name of ['write', 'writeln']) {
    method(
      win.Document.prototype,
      name,
      (native) =>
        function (this: Document, ...chunks: unknown[]) {
          // One chunk as it came (a TrustedHTML stays one); several are joined as the browser would.
          return native.call(this, rewrite(chunks.length === 1 ? chunks[0] : chunks.join(''), 'write', true));
        },
    );
  }

  // The fallback for what the parser writes after holdback (and what arrives
  // by ways not patched above): seen before it runs, though not before it is fetched.
  new win.MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element && urlAttributes(node)) visit(node, 'parser');
    }
  }).observe(win.document, { childList: true, subtree: true });

  // A same-origin frame's window, the moment a script reaches for it. Not at
  // insertion: Chromium makes a frame's script context only when a script
  // first touches its window, and making one costs several milliseconds.
  for (const property of ['contentWindow', 'contentDocument']) {
    accessor(HTMLIFrameElement.prototype, property, ({ get }) => ({
      get(this: HTMLIFrameElement) {
        const value = get!.call(this);
        if (value) adopt(this);
        return value;
      },
    }));
  }
}
