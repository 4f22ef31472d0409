// The one console channel. Every message from outside input (config, cookie,
// markup) goes through here, so a site owner greps for one prefix.
const PREFIX = 'holdback:';

type Level = 'error' | 'warn' | 'info';

function write(level: Level, message: string, details: unknown[]): void {
  try {
    console[level](`${PREFIX} ${message}`, ...details);
  } catch {
    // A page may have replaced or frozen console; logging must never break us.
  }
}

export function logError(message: string, ...details: unknown[]): void {
  write('error', message, details);
}

export function logWarning(message: string, ...details: unknown[]): void {
  write('warn', message, details);
}

/**
 * Runs holdback code that the page triggers (observers, listeners, API calls)
 * so that a bug in holdback is one console message, never an exception in the
 * site's own code. The fallback keeps the caller failing closed.
 */
export function guard<A extends unknown[], R>(what: string, fn: (...args: A) => R, fallback: R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args);
    } catch (error) {
      logError(`${what} failed: this is a bug in holdback, please report it.`, error);
      return fallback;
    }
  };
}

export function logInfo(message: string, ...details: unknown[]): void {
  write('info', message, details);
}
