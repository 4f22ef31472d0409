import type { UiStore } from './shown';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { OptOutNotice } from './opt-out';
import { PreferenceCenter } from './preference-center';

/**
 * The open view and the floating button; repaints when the view changes (it
 * reads the store's signal). Under opt-out the link that stays on every page
 * is the drop-in's own (choices-link.ts), not the UI's.
 */
export function App({ store }: { store: UiStore }) {
  const view = store.view.value;
  const optOut = store.settings.regime === 'opt-out';
  return (
    <>
      {view === 'banner' && (optOut ? <OptOutNotice store={store} /> : <Banner store={store} />)}
      {view === 'preferences' && <PreferenceCenter store={store} />}
      {view !== 'banner' && !optOut && store.settings.floatingButton && <FloatingButton store={store} />}
    </>
  );
}
