// What the core asks of the UI: everything the visitor sees, in a file of its
// own (dist/consent-ui.js), fetched only when a view or a placeholder is needed,
// and the notice a consent record names, which is made of the UI's texts.
import type { Settings } from '../config/types';
import { makeNotice } from '../texts/notice';
import { shownSettings } from '../texts/shown';
import { mountUi } from './mount';
import { showPlaceholder } from './placeholder';

export interface Ui {
  mountUi: typeof mountUi;
  showPlaceholder: typeof showPlaceholder;
  /** The notice the visitor was shown, as the JSON text that its hash is of. */
  notice(settings: Settings): string;
}

export const ui: Ui = { mountUi, showPlaceholder, notice: (settings) => JSON.stringify(makeNotice(shownSettings(settings))) };
