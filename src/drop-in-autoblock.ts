// The drop-in with auto-blocking: consent.js plus the tracker catalogue and
// the interception of unmarked tracker requests. The one file with effects at
// its top level besides drop-in.ts; sites that leave autoBlock off load consent.js.
import { startAutoBlock } from './autoblock/start';
import trackers from './catalogue/services.json?runtime';
import { init } from './init';
import { logError } from './log';

try {
  init(window.consentConfig, document.currentScript instanceof HTMLScriptElement ? document.currentScript : null, {
    trackers,
    start: startAutoBlock,
  });
} catch (error) {
  logError('could not start; nothing optional will run.', error);
}
