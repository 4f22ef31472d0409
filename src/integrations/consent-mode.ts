import type { ConsentType, Settings } from '../config/types';
import type { Decision } from '../consent/decision';
import { isAllowed } from '../consent/decision';
import type { Store } from '../store';

type Gtag = (...args: unknown[]) => void;
type ConsentState = Partial<Record<ConsentType, 'granted' | 'denied'>>;

const TYPES: ConsentType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
];

/** Every consent type, granted where an allowed category grants it; security storage always. */
function stateOf(settings: Settings, decision: Decision | null): ConsentState {
  const types = settings.consentMode!.types;
  const state: ConsentState = { security_storage: 'granted' };
  for (const type of TYPES) state[type] = 'denied';
  for (const [category, granted] of Object.entries(types)) {
    if (isAllowed(settings, decision, category)) for (const type of granted) state[type] = 'granted';
  }
  return state;
}

/**
 * Google Consent Mode v2. Runs inside holdback's own script tag, so the
 * default is in the dataLayer before any Google tag's `config` or `event`.
 * Consent Mode remembers nothing: a stored choice is sent as an update on
 * every page view, and every change after it (the update this returns), each
 * followed by a dataLayer event that GTM triggers can fire on.
 */
export function startConsentMode(store: Store): (decision: Decision | null) => void {
  const { settings } = store;
  const options = settings.consentMode!;
  const page = window as unknown as { dataLayer?: unknown[]; gtag?: Gtag };
  page.dataLayer ||= [];
  const layer = page.dataLayer;
  // gtag.js reads only Arguments objects from the dataLayer, never arrays.
  page.gtag ||= function gtag() {
    // biome-ignore lint/complexity/noArguments: the dataLayer protocol needs the Arguments object itself
    layer.push(arguments);
  };
  const gtag: Gtag = (...args) => page.gtag!(...args);

  const wait = { wait_for_update: options.waitForUpdate };
  if (settings.regime === 'opt-out' && settings.region) {
    // Strict everywhere, and the opt-out defaults where Google places the visitor in the region too.
    gtag('consent', 'default', { ...stateOf({ ...settings, regime: 'opt-in' }, null), ...wait });
    gtag('consent', 'default', { ...stateOf(settings, null), ...wait, region: [settings.region] });
  } else {
    gtag('consent', 'default', { ...stateOf(settings, null), ...wait });
  }
  if (options.adsDataRedaction) gtag('set', 'ads_data_redaction', true);
  if (options.urlPassthrough) gtag('set', 'url_passthrough', true);
  if (options.developerId) gtag('set', `developer_id.${options.developerId}`, true);

  const update = (decision: Decision | null) => {
    gtag('consent', 'update', stateOf(settings, decision));
    const consent = Object.fromEntries(settings.categories.map((c) => [c.name, isAllowed(settings, decision, c.name)]));
    layer.push({ event: options.event, consent });
  };
  if (store.decision.value) update(store.decision.value);
  return update;
}
