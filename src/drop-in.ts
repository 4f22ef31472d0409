// The drop-in: the one file with effects at the top level. It runs
// synchronously in <head>, before any tag it holds back.
import { init } from './init';
import { logError } from './log';
import { linkBeside, uiBeside } from './ui-loader';

try {
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  init(window.consentConfig, script, {
    loadUi: uiBeside(script?.src ?? '', script?.nonce ?? ''),
    loadLink: linkBeside(script?.src ?? '', script?.nonce ?? ''),
  });
} catch (error) {
  logError('could not start; nothing optional will run.', error);
}
