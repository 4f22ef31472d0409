// Names that appear in a site's markup. Defined once: the gate, the UI openers
// and the README all speak of these.
export const CATEGORY_ATTR = 'data-category';
export const SERVICE_ATTR = 'data-service';
export const SRC_ATTR = 'data-src';
export const SRCSET_ATTR = 'data-srcset';
export const HREF_ATTR = 'data-href';
export const TYPE_ATTR = 'data-type';
export const HELD_TYPE = 'text/plain';
export const OPEN_ATTR = 'data-consent-open';
export const OPEN_HASH = '#consent-preferences';
export const NECESSARY = 'necessary';
/** The category that stands for "sale or sharing" under US law, which GPC opts out of. */
export const SALE_CATEGORY = 'marketing';
