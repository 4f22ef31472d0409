// What each finding's rule means, for the reports that list rules (SARIF, HTML).
import type { Rule, Severity } from './types';

export const RULES: Record<Rule, { severity: Severity; title: string; description: string }> = {
  'request-before-choice': {
    severity: 'violation',
    title: 'Tracker contacted before any choice',
    description: 'A request to a tracker that needs consent left the page before the visitor chose anything.',
  },
  'request-after-reject': {
    severity: 'violation',
    title: 'Tracker contacted after "Reject all"',
    description: 'A request to a tracker that needs consent left the page after the visitor rejected it, or on the next page views.',
  },
  'request-after-withdraw': {
    severity: 'violation',
    title: 'Tracker contacted after withdrawal',
    description: 'A request to a tracker left the next page view after the visitor withdrew consent.',
  },
  'cookie-before-choice': {
    severity: 'violation',
    title: 'Optional cookie set before any choice',
    description: 'A statistics, marketing or preferences cookie was in the browser before the visitor chose anything.',
  },
  'cookie-after-reject': {
    severity: 'violation',
    title: 'Optional cookie set after "Reject all"',
    description: 'A statistics, marketing or preferences cookie was set after the visitor rejected it.',
  },
  'cookie-after-withdraw': {
    severity: 'violation',
    title: 'Optional cookie left after withdrawal',
    description: 'A statistics, marketing or preferences cookie was still in the browser after consent was withdrawn and the next page loaded.',
  },
  'storage-before-choice': {
    severity: 'violation',
    title: 'Optional storage key before any choice',
    description: 'A localStorage, sessionStorage or IndexedDB key that a tracker uses was written before any choice.',
  },
  'storage-after-reject': {
    severity: 'violation',
    title: 'Optional storage key after "Reject all"',
    description: 'A storage key that a tracker uses was written after the visitor rejected it.',
  },
  'storage-after-withdraw': {
    severity: 'violation',
    title: 'Optional storage key left after withdrawal',
    description: 'A storage key that a tracker uses was still there after consent was withdrawn.',
  },
  'static-tracker-tag': {
    severity: 'warning',
    title: 'Tracker tag in the HTML',
    description: 'The HTML carries a tracker tag (<script src>, <img src>, <iframe src>) that the browser fetches before any script runs, so no consent manager can stop it.',
  },
  'category-without-type': {
    severity: 'warning',
    title: 'data-category script without type="text/plain"',
    description: 'A script is marked with a category but still has a type the browser runs, so it runs at once.',
  },
  'category-with-src': {
    severity: 'warning',
    title: 'data-category element with a src',
    description: 'An image, frame or media element is marked with a category but has a src instead of data-src, so the browser loads it at once.',
  },
  'phase-failed': {
    severity: 'warning',
    title: 'Phase not run',
    description: 'A phase could not be run (the page or the banner did not come back, an action timed out), so what it would have checked is unknown.',
  },
  'no-reject': {
    severity: 'violation',
    title: 'No "Reject all"',
    description: 'The consent banner offers no way to reject that the scanner could find (by the consent manager’s rules or by a button named like "Reject all").',
  },
  'no-withdraw': {
    severity: 'notice',
    title: 'Withdrawal not checked',
    description: 'The scanner withdraws consent only on holdback’s pages; this consent manager’s withdrawal was not checked.',
  },
  'undeclared-cookie': {
    severity: 'warning',
    title: 'Cookie not declared',
    description: 'A cookie was seen that the config does not declare, so the preference center does not list it and withdrawal does not delete it.',
  },
  'undeclared-service': {
    severity: 'warning',
    title: 'Service not declared',
    description: 'A tracker was contacted that the config does not declare, so the preference center does not list it.',
  },
  'declared-not-seen': {
    severity: 'notice',
    title: 'Declared but never seen',
    description: 'The config declares a service or cookie that no scanned page used, even after "Accept all".',
  },
};
