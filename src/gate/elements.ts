import { trustedScript, trustedScriptUrl } from '../trusted-types';
import { CATEGORY_ATTR, HELD_TYPE, HREF_ATTR, SRC_ATTR, SRCSET_ATTR, TYPE_ATTR } from '../markup';

// How each kind of gated element is let go and stopped again. The template
// (the inert element the site wrote) stays in place; for scripts a fresh copy
// runs beside it, because a script element runs at most once in its life.

export type Kind = 'script' | 'source';

// The gate's own writes go through the DOM methods as they were when holdback
// started: auto-blocking patches setAttribute afterwards, and must not judge
// again what the gate lets go.
let set = (element: Element, name: string, value: string) => element.setAttribute(name, value);
let remove = (element: Element, name: string) => element.removeAttribute(name);

/** Keeps the page's setAttribute and removeAttribute as they are now, for the gate's writes. */
export function keepDomMethods(): void {
  const { setAttribute, removeAttribute } = Element.prototype;
  set = (element, name, value) => setAttribute.call(element, name, value);
  remove = (element, name) => removeAttribute.call(element, name);
}

/** An element whose address holdback moves into `data-*` while it is held back. */
export type Loadable = HTMLImageElement | HTMLIFrameElement | HTMLSourceElement | HTMLLinkElement;

/** The kind of gated element, `null` for markup holdback does not hold back. */
export function kindOf(element: Element): Kind | null {
  if (element instanceof HTMLScriptElement) {
    return (element.getAttribute('type') ?? '').trim().toLowerCase() === HELD_TYPE ? 'script' : null;
  }
  if (element instanceof HTMLImageElement || element instanceof HTMLIFrameElement || element instanceof HTMLSourceElement) {
    return element.hasAttribute(SRC_ATTR) || element.hasAttribute(SRCSET_ATTR) ? 'source' : null;
  }
  if (element instanceof HTMLLinkElement) return element.hasAttribute(HREF_ATTR) ? 'source' : null;
  return null;
}

/** Why marked markup escaped the gate, or `null` when it did not. */
export function leakOf(element: Element): string | null {
  if (element instanceof HTMLScriptElement && kindOf(element) === null) {
    return 'ran before holdback could hold it back: give it type="text/plain"';
  }
  if ((element instanceof HTMLImageElement || element instanceof HTMLIFrameElement) && element.hasAttribute('src')) {
    return `loaded before holdback could hold it back: put its address in ${SRC_ATTR} instead of src`;
  }
  return null;
}

/** `<script data-category="marketing" src="…">`, short enough for a console line. */
export function describeElement(element: Element): string {
  const attributes = Array.from(element.attributes, ({ name, value }) => {
    const shown = value.length > 60 ? `${value.slice(0, 60)}…` : value;
    return `${name}="${shown}"`;
  });
  const order = (text: string) => (text.startsWith(CATEGORY_ATTR) ? 0 : 1);
  attributes.sort((a, b) => order(a) - order(b));
  return `<${element.localName} ${attributes.join(' ')}>`;
}

const NOT_COPIED = new Set(['type', TYPE_ATTR, SRC_ATTR, 'nonce']);

/** A runnable copy of a held script, with the site's attributes and the page's nonce. */
export function copyScript(template: HTMLScriptElement, nonce: string): { script: HTMLScriptElement; blocking: boolean } {
  const script = document.createElement('script');
  // By name, not through `attributes` (as in config/attributes.ts).
  for (const name of template.getAttributeNames()) {
    if (!NOT_COPIED.has(name)) set(script, name, template.getAttribute(name) ?? '');
  }
  const type = template.getAttribute(TYPE_ATTR);
  if (type) set(script, 'type', type);
  const src = template.getAttribute(SRC_ATTR);
  if (src !== null) set(script, 'src', trustedScriptUrl(src));
  // Browsers hide the nonce attribute after parsing; only the property has it.
  const ownNonce = template.nonce || nonce;
  if (ownNonce) script.nonce = ownNonce;
  const external = script.hasAttribute('src');
  if (external) {
    // Inserted scripts are async unless told otherwise; the site's markup was not.
    script.async = template.hasAttribute('async');
  } else {
    script.text = trustedScript(template.text);
  }
  return { script, blocking: external && !script.async };
}

// Told apart by name rather than `instanceof HTMLLinkElement`: naming an
// interface builds it (about 5 KB of heap for this one) on pages that have none.
const isLink = (element: Loadable): element is HTMLLinkElement => element.localName === 'link';

export function loadSource(element: Loadable): void {
  if (isLink(element)) {
    const href = element.getAttribute(HREF_ATTR);
    if (href !== null) set(element, 'href', href);
    return;
  }
  const srcset = element.getAttribute(SRCSET_ATTR);
  if (srcset !== null) set(element, 'srcset', srcset);
  const src = element.getAttribute(SRC_ATTR);
  if (src !== null) set(element, 'src', src);
}

export function unloadSource(element: Loadable): void {
  if (isLink(element)) {
    remove(element, 'href');
    return;
  }
  remove(element, 'srcset');
  // Removing an iframe's src does not unload what it shows; navigating it does.
  if (element instanceof HTMLIFrameElement) set(element, 'src', 'about:blank');
  else remove(element, 'src');
}
