// The drop-in: the one file with effects at the top level. It runs
// synchronously in <head>, before any tag it holds back.
import { init } from './init';
import { logError } from './log';

try {
  init(window.consentConfig, document.currentScript instanceof HTMLScriptElement ? document.currentScript : null);
} catch (error) {
  logError('could not start; nothing optional will run.', error);
}
