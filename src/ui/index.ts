// What the core asks of the UI: everything the visitor sees, in a file of its
// own (dist/consent-ui.js), fetched only when a view or a placeholder is needed.
import { mountUi } from './mount';
import { showPlaceholder } from './placeholder';

export interface Ui {
  mountUi: typeof mountUi;
  showPlaceholder: typeof showPlaceholder;
}

export const ui: Ui = { mountUi, showPlaceholder };
