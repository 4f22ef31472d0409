import type { Settings } from './config/types';

/**
 * What makes hosts for pieces of holdback's UI with one stylesheet: each host
 * an element whose open shadow root holds that piece, in the UI's language,
 * direction and theme. Every host made by one maker shares one constructed
 * stylesheet, which needs no nonce under a strict style-src; a <style> with
 * the page's nonce is the fallback. Plain DOM, for the UI file and the link file alike.
 */
export function hostMaker(css: string): (nonce: string, settings: Pick<Settings, 'language' | 'theme'>) => { host: HTMLElement; root: ShadowRoot } {
  let shared: CSSStyleSheet | null = null;
  return (nonce, { language, theme }) => {
    const host = document.createElement('div');
    host.setAttribute('data-holdback', '');
    host.lang = language;
    host.dir = /^(ar|fa|he|ur)\b/.test(language) ? 'rtl' : 'ltr';
    // An inline !important beats any page rule on the host; custom properties
    // (--holdback-*) still inherit through it, which is how sites theme the UI.
    host.style.cssText = 'all:initial!important;display:contents!important';
    const root = host.attachShadow({ mode: 'open' });
    // The dark colours sit behind one media condition. A theme forced by the
    // config swaps it for one that always holds ("all") or never does ("not all").
    const themed = theme === 'auto' ? css : css.replace(/\(prefers-color-scheme: ?dark\)/, theme === 'dark' ? 'all' : 'not all');
    if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
      if (!shared) {
        shared = new CSSStyleSheet();
        shared.replaceSync(themed);
      }
      root.adoptedStyleSheets = [shared];
    } else {
      const style = document.createElement('style');
      if (nonce) style.nonce = nonce;
      style.textContent = themed;
      root.append(style);
    }
    return { host, root };
  };
}
