// How the drop-in and the files it adds beside itself meet, without a global:
// names only, so that either side can import them without the other's code.

/** The event a file added by the drop-in (the UI, the link) dispatches on its own script element to hand over what it brings. */
export const FILE_READY = 'holdback:ready';

/** The property of the UI file's script element that hands it the drop-in's @preact/signals-core (ui/shared-signals.ts). */
export const SHARED_SIGNALS = 'holdbackSignals';
