// The UI file, dist/consent-ui.js: added by the drop-in when a view or a
// placeholder is first needed (ui-loader.ts). It hands the UI to the drop-in
// by an event on its own script element, so it adds no global.
import { ui } from './ui';
import { FILE_READY } from './ui-handover';

document.currentScript?.dispatchEvent(new CustomEvent(FILE_READY, { detail: ui }));
