// The Preact integration of @preact/signals: a component that reads a
// signal's value repaints when that signal changes, and only then.
import '@preact/signals';
import { render } from 'preact';
import type { Store } from '../store';
import { App } from './app';
import { keepFocusInSight } from './focus-in-sight';
import { withTexts } from './shown';
import { createHost } from './styles';

/**
 * Renders the UI into an open shadow root at the start of <body>: first in tab
 * order, out of reach of the page's CSS, and reachable by testing tools.
 * Called only once some view must be shown; a returning visitor never gets here.
 * What it shows follows the store's signals from there on.
 */
export function mountUi(store: Store, nonce: string): () => void {
  const { host, root } = createHost(nonce, store.settings);
  document.body.prepend(host);
  render(<App store={withTexts(store)} />, root);
  const stopFocus = keepFocusInSight(root);
  return () => {
    stopFocus();
    render(null, root);
    host.remove();
  };
}
