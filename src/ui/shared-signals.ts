// What the UI file (dist/consent-ui.js) has for @preact/signals-core: the
// drop-in's own copy, handed over on the script element that added this file
// (ui-loader.ts). A second copy of the library would not see the store's
// signals read inside the UI's components, so nothing would repaint; and the
// file is smaller for it. Only the UI file's build points the package here.
import type * as Signals from '@preact/signals-core';
import { SHARED_SIGNALS } from '../ui-handover';

const shared = (document.currentScript as (HTMLScriptElement & { [SHARED_SIGNALS]?: typeof Signals }) | null)?.[SHARED_SIGNALS];
if (!shared) throw new Error('consent-ui.js runs only when consent.js adds it');

export const { Signal, action, batch, computed, createModel, effect, signal, untracked } = shared;
