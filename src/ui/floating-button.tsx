import type { UiStore } from './shown';
import { raise } from '../top-layer';

/**
 * The optional floating button (`floatingButton: true`): one click back to the
 * preference center from any page, for sites without a footer link.
 */
export function FloatingButton({ store }: { store: UiStore }) {
  const label = store.settings.texts.privacySettings;
  return (
    <button type="button" class="float" aria-label={label} title={label} ref={raise} onClick={() => store.show('preferences')}>
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round">
        <path d="M4 7h9m4 0h3M4 17h3m4 0h9" />
        <circle cx="15" cy="7" r="2" />
        <circle cx="9" cy="17" r="2" />
      </svg>
    </button>
  );
}
