import type { UiStore } from './shown';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { ChoicesLinks, OptOutNotice } from './opt-out';
import { PreferenceCenter } from './preference-center';

/** The open view and what stays on the page besides it; repaints when the view changes (it reads the store's signal). */
export function App({ store }: { store: UiStore }) {
  const view = store.view.value;
  const optOut = store.settings.regime === 'opt-out';
  return (
    <>
      {view === 'banner' && (optOut ? <OptOutNotice store={store} /> : <Banner store={store} />)}
      {view === 'preferences' && <PreferenceCenter store={store} />}
      {view !== 'banner' && (optOut ? <ChoicesLinks store={store} /> : store.settings.floatingButton && <FloatingButton store={store} />)}
    </>
  );
}
