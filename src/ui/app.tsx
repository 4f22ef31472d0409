import type { Decision } from '../consent/decision';
import type { Store, View } from '../store';
import { Banner } from './banner';
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
  if (props.view === 'banner') return <Banner store={props.store} />;
  if (props.view === 'preferences') return <PreferenceCenter {...props} />;
  return null;
}
