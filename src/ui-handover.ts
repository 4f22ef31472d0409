// How the drop-in and the UI file it adds meet, without a global: names only,
// so that either side can import them without the other's code.

/** The event the UI file dispatches on its own script element to hand itself to the drop-in that added it. */
export const UI_READY = 'holdback:ui';

/** The property of the UI file's script element that hands it the drop-in's @preact/signals-core (ui/shared-signals.ts). */
export const SHARED_SIGNALS = 'holdbackSignals';
