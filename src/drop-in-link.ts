// The link file, dist/consent-link.js: under opt-out the drop-in adds it on
// every page, for the "Your Privacy Choices" link, so that a returning visitor
// gets the link without the UI. It hands the link over by an event on its own
// script element, so it adds no global.
import { showChoicesLink } from './choices-link';
import { FILE_READY } from './ui-handover';

document.currentScript?.dispatchEvent(new CustomEvent(FILE_READY, { detail: showChoicesLink }));
