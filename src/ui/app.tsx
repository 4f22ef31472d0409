import type { Decision } from '../consent/decision';
import type { Store, View } from '../store';
import { Banner } from './banner';
import { FloatingButton } from './floating-button';
import { ChoicesLinks, OptOutNotice } from './opt-out';
import { PreferenceCenter } from './preference-center';

export interface AppProps {
  store: Store;
  view: View;
  decision: Decision | null;
  /** The preference center's switches, before "Save choices". */
  draft: Record<string, boolean>;
  onDraft(draft: Record<string, boolean>): void;
}

export function App(props: AppProps) {
  const { store, view } = props;
  const optOut = store.settings.regime === 'opt-out';
  return (
    <>
      {view === 'banner' && (optOut ? <OptOutNotice store={store} /> : <Banner store={store} />)}
      {view === 'preferences' && <PreferenceCenter {...props} />}
      {view !== 'banner' && (optOut ? <ChoicesLinks store={store} /> : store.settings.floatingButton && <FloatingButton store={store} />)}
    </>
  );
}
