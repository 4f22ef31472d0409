import { useRef } from 'preact/hooks';
import type { Store } from '../store';
import { Banner } from './banner';
import { PreferenceCenter } from './preference-center';

export function App({ store }: { store: Store }) {
  const view = store.view.value;
  const previous = useRef(view);
  // Back from the preference center without a decision: focus goes to the
  // banner that replaces it, not to the top of the page.
  const cameBack = previous.current === 'preferences' && view === 'banner';
  previous.current = view;
  if (view === 'banner') return <Banner store={store} focus={cameBack} />;
  if (view === 'preferences') return <PreferenceCenter store={store} />;
  return null;
}
