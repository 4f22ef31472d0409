import type { Settings, Theme } from '../config/types';
import css from './styles.css?inline';

let shared: CSSStyleSheet | null = null;

/**
 * Gives a shadow root holdback's styles. One constructed stylesheet serves
 * every root (banner, preference center, each placeholder) and needs no nonce
 * under a strict style-src; a <style> with the page's nonce is the fallback.
 */
function adoptStyles(root: ShadowRoot, nonce: string, theme: Theme): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!shared) {
      shared = new CSSStyleSheet();
      shared.replaceSync(themed(theme));
    }
    root.adoptedStyleSheets = [shared];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = themed(theme);
  root.append(style);
}

// The dark colours sit behind one media condition. A theme forced by the
// config swaps it for one that always holds ("all") or never does ("not all").
function themed(theme: Theme): string {
  return theme === 'auto' ? css : css.replace(/\(prefers-color-scheme: ?dark\)/, theme === 'dark' ? 'all' : 'not all');
}

/**
 * A host element whose open shadow root holds a piece of holdback's UI, in the
 * UI's language, direction and theme.
 */
export function createHost(nonce: string, { language, theme }: Settings): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('div');
  host.setAttribute('data-holdback', '');
  host.lang = language;
  host.dir = /^(ar|fa|he|ur)\b/.test(language) ? 'rtl' : 'ltr';
  // An inline !important beats any page rule on the host; custom properties
  // (--holdback-*) still inherit through it, which is how sites theme the UI.
  host.style.cssText = 'all:initial!important;display:contents!important';
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, nonce, theme);
  return { host, root };
}

/** `{service}` and the like in a text, filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
