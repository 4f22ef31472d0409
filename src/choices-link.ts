import { SALE_CATEGORY } from './markup';
import { hostMaker } from './shadow-host';
import type { Store } from './store';
import { raise } from './top-layer';

// The words of the link in English; a site's texts (or a language file) come first.
const WORDS = {
  privacyChoices: 'Your Privacy Choices',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  limitSensitive: 'Limit the Use of My Sensitive Personal Information',
};

// The opt-out icon: a toggle, half check and half cross.
// Each path: its outline, fill, stroke and stroke width.
const ICON = [
  ['M7 .5h16a6.5 6.5 0 0 1 0 13H7a6.5 6.5 0 0 1 0-13z', '#fff', '#06f', '1'],
  ['M7 .5h8l-4 13H7a6.5 6.5 0 0 1 0-13z', '#06f', 'none', '0'],
  ['M4.5 7l2 2 3.5-4', 'none', '#fff', '1.5'],
  ['M19.5 4.5l5 5m0-5l-5 5', 'none', '#06f', '1.5'],
];

const CSS = `:host{--b:var(--holdback-background,#fff);--t:var(--holdback-text,#1b1d21);--l:var(--holdback-border,#d3d7de);--f:var(--holdback-focus,#1f4fd1)}
@media (prefers-color-scheme:dark){:host{--b:var(--holdback-background,#1d1f24);--t:var(--holdback-text,#f1f2f4);--l:var(--holdback-border,#434853);--f:var(--holdback-focus,#8fb0ff)}}
nav{position:fixed;z-index:2147483646;inset:auto;inset-block-end:12px;inset-inline-start:12px;display:flex;flex-direction:column;gap:4px;margin:0;padding:8px 12px;font:13px/1.4 var(--holdback-font,system-ui,sans-serif);color:var(--t);background:var(--b);border:1px solid var(--l);border-radius:var(--holdback-radius,10px)}
nav[hidden]{display:none}
button{display:inline-flex;align-items:center;gap:6px;min-height:24px;padding:0;font:inherit;color:inherit;text-decoration:underline;text-underline-offset:2px;background:none;border:0;cursor:pointer}
button:focus-visible{outline:2px solid var(--f);outline-offset:2px}`;

const createHost = hostMaker(CSS);

export type ShowChoicesLink = typeof showChoicesLink;

/**
 * Under opt-out, the link that must be on every page ("Your Privacy Choices",
 * or the two links of the regulations), as plain DOM in a file of its own
 * (dist/consent-link.js): a returning visitor gets it without the UI file,
 * which comes only when the link is clicked. "Do Not Sell or Share" decides
 * at once, without the UI. Hidden while the opt-out notice shows, which
 * offers the same choices.
 */
export function showChoicesLink(store: Store, nonce: string): void {
  const { texts, optOutLinks } = store.settings;
  const words = (key: keyof typeof WORDS) => texts[key] ?? WORDS[key];
  const { host, root } = createHost(nonce, store.settings);
  const nav = document.createElement('nav');
  nav.setAttribute('aria-label', words('privacyChoices'));
  const button = (label: string, run: () => void) => {
    const element = document.createElement('button');
    element.type = 'button';
    element.append(label);
    element.addEventListener('click', run);
    nav.append(element);
    return element;
  };
  const open = () => store.show('preferences');
  if (optOutLinks === 'two-links') {
    button(words('doNotSell'), () => store.decide({ [SALE_CATEGORY]: false }, 'banner'));
    button(words('limitSensitive'), open);
  } else {
    button(words('privacyChoices'), open).prepend(icon());
  }
  root.append(nav);
  document.body.prepend(host);
  // The signal's own subscribe: this file has no copy of the state library.
  store.view.subscribe((view) => {
    nav.hidden = view === 'banner';
  });
  raise(nav);
}

// Built element by element: markup in a string would need a Trusted Types policy.
function icon(): SVGElement {
  const make = (tag: string, attributes: Record<string, string>) => {
    const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
  };
  const svg = make('svg', { viewBox: '0 0 30 14', width: '30', height: '14', 'aria-hidden': 'true' });
  for (const [d = '', fill = '', stroke = '', width = ''] of ICON) svg.append(make('path', { d, fill, stroke, 'stroke-width': width }));
  return svg;
}
