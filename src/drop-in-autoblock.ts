// The drop-in with auto-blocking: consent.js plus the tracker catalogue and
// the interception of unmarked tracker requests. The one file with effects at
// its top level besides drop-in.ts; sites that leave autoBlock off load consent.js.
import { startAutoBlock } from './autoblock/start';
import { withCatalogue } from './catalogue/apply';
import { unpackCatalogue } from './catalogue/runtime';
import packed from './catalogue/services.json?runtime';
import { init } from './init';
import { logError } from './log';
import { linkBeside, uiBeside } from './ui-loader';

try {
  const trackers = unpackCatalogue(packed);
  const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  init(window.consentConfig, script, {
    loadUi: uiBeside(script?.src ?? '', script?.nonce ?? ''),
    loadLink: linkBeside(script?.src ?? '', script?.nonce ?? ''),
    build: {
      settings: (settings, config) => withCatalogue(settings, config, trackers),
      start: (options) => (options.settings.autoBlock.mode === 'off' ? null : startAutoBlock({ ...options, trackers })),
    },
  });
} catch (error) {
  logError('could not start; nothing optional will run.', error);
}
