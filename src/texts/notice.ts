import type { CookieDeclaration } from '../config/types';
import { SALE_CATEGORY } from '../markup';
import type { ShownSettings } from './shown';

// Texts the visitor cannot meet under a regime: the other regime's first layer.
// The default categories' own texts are left out too: `categories` carries
// them as the config resolved them.
const UNSHOWN = {
  'opt-in': /^(notice|gotIt|privacyChoices|doNotSell|limitSensitive|saleOrSharing)/,
  'opt-out': /^(banner|customize|revisionNotice)/,
};
const CATEGORY_TEXT = /^(necessary|preferences|statistics|marketing)(Title|Description)$/;

/**
 * What the visitor was shown: the UI's texts after the site's overrides and
 * every category with its services and cookies, as the preference center
 * lists them. Nothing in it changes from one page view to the next, so that
 * every record made under the same notice names the same hash. The key order
 * is fixed (texts follow src/texts/keys.ts), since the hash is of the JSON text.
 */
export function makeNotice(settings: ShownSettings) {
  const { texts, regime } = settings;
  const shown = (key: string) =>
    !UNSHOWN[regime].test(key) &&
    !CATEGORY_TEXT.test(key) &&
    // The GPC line that can show here, whether or not this browser sends the signal.
    key !== (settings.gpc.honoured ? 'gpcSeen' : 'gpcHonored') &&
    (key !== 'privacyPolicy' || !!settings.privacyPolicyUrl) &&
    (key !== 'limitSensitive' || settings.optOutLinks === 'two-links');
  return {
    language: settings.language,
    revision: settings.revision,
    regime,
    texts: Object.fromEntries(Object.entries(texts).filter(([key]) => shown(key))),
    categories: settings.categories.map((category) => ({
      name: category.name,
      required: category.required,
      // Under opt-out the preference center names marketing by what the law calls it.
      title: regime === 'opt-out' && category.name === SALE_CATEGORY ? texts.saleOrSharing : category.title,
      description: category.description,
      services: category.services.map((service) => ({ name: service.name, title: service.title, cookies: service.cookies.map(cookieOf) })),
      cookies: category.cookies.map(cookieOf),
    })),
  };
}

// As the preference center's table shows a cookie; a field not given is left out.
function cookieOf({ name, purpose, duration, provider }: CookieDeclaration) {
  return { name: name instanceof RegExp ? name.source : name, purpose, duration, provider };
}
