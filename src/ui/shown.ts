import { type ShownSettings, shownSettings } from '../texts/shown';
import type { Store } from '../store';

/** The store as the UI uses it: the same store, with the settings in the visitor's words. */
export type UiStore = Omit<Store, 'settings'> & { readonly settings: ShownSettings };

const worded = new WeakMap<Store, UiStore>();

/**
 * The store with its texts laid over the UI's English ones. Everything else is
 * the store itself (its signals, its getters), through the prototype; one per
 * store, so that the banner and every placeholder share it.
 */
export function withTexts(store: Store): UiStore {
  let ui = worded.get(store);
  if (!ui) {
    ui = Object.create(store, { settings: { value: shownSettings(store.settings) } }) as UiStore;
    worded.set(store, ui);
  }
  return ui;
}
