// @preact/signals makes components re-render when a signal they read changes.
import '@preact/signals';
import { render } from 'preact';
import type { Store } from '../store';
import { App } from './app';
import css from './styles.css?inline';

/**
 * Renders the UI into an open shadow root at the start of <body>: first in tab
 * order, out of reach of the page's CSS, and reachable by testing tools.
 * Called only once some view must be shown; a returning visitor never gets here.
 */
export function mountUi(store: Store, nonce: string): void {
  const host = document.createElement('div');
  host.setAttribute('data-holdback', '');
  // An inline !important beats any page rule on the host; custom properties
  // (--holdback-*) still inherit through it, which is how sites theme the UI.
  host.style.cssText = 'all:initial!important;display:contents!important';
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, nonce);
  document.body.prepend(host);
  render(<App store={store} />, root);
}

// Constructed stylesheets need no nonce under a strict style-src; a <style>
// with the page's nonce is the fallback for browsers without them.
function adoptStyles(root: ShadowRoot, nonce: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  root.append(style);
}
