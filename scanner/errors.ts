/** A reason the scan cannot run (exit 2): shown as one line, never with a stack. */
export class ScanError extends Error {}

/** A mistake in the command line or the config file (exit 2, with the usage hint). */
export class UsageError extends Error {}
