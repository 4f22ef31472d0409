import { render } from 'preact';
import type { Store, View } from '../store';
import { App } from './app';
import { keepFocusInSight } from './focus-in-sight';
import { createHost } from './styles';

/**
 * Renders the UI into an open shadow root at the start of <body>: first in tab
 * order, out of reach of the page's CSS, and reachable by testing tools.
 * Called only once some view must be shown; a returning visitor never gets here.
 *
 * The UI is a function of the store's signals and of the preference center's
 * draft; one effect repaints it, and moves focus when a view opens or closes.
 */
export function mountUi(store: Store, nonce: string): () => void {
  const { host, root } = createHost(nonce, store.settings);
  document.body.prepend(host);

  let shown: View = null;
  let opener: HTMLElement | null = null;
  let draft: Record<string, boolean> = {};

  const paint = () =>
    render(
      <App
        store={store}
        view={store.view.value}
        decision={store.decision.value}
        draft={draft}
        onDraft={(next) => {
          draft = next;
          paint();
        }}
      />,
      root,
    );

  const update = () => {
    const view = store.view.value;
    const decision = store.decision.value;
    if (view === 'preferences' && shown !== 'preferences') {
      opener = activeElement();
      // Every category and service as it stands: nothing is on that the visitor did not turn on.
      draft = Object.fromEntries(
        store.settings.categories.flatMap((c) => [c, ...c.services]).map((holder) => [holder.name, decision !== null && store.allowed(holder.name)]),
      );
    }
    const dialog = root.querySelector('dialog');
    if (shown === 'preferences' && view !== 'preferences' && dialog?.open) dialog.close();
    paint();
    if (view === 'preferences' && shown !== 'preferences') root.querySelector('dialog')?.showModal?.();
    if (shown === 'preferences' && view !== 'preferences') {
      // Back to what opened the preference center; when that was the banner's
      // own button (gone meanwhile), to the banner that replaces it.
      if (opener?.isConnected) opener.focus();
      else root.querySelector<HTMLElement>('[data-customize]')?.focus();
      opener = null;
    }
    shown = view;
  };
  const stops = [store.view.subscribe(update), store.decision.subscribe(update), keepFocusInSight(root)];
  update();
  return () => {
    for (const stop of stops) stop();
    render(null, root);
    host.remove();
  };
}

// The focused element, looking inside shadow roots (the opener may be in one).
function activeElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
