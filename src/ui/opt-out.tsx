import { gpcRefuses } from '../consent/decision';
import { SALE_CATEGORY } from '../markup';
import type { UiStore } from './shown';
import { PrivacyLink } from './privacy-link';
import { raise } from '../top-layer';

/** The Global Privacy Control status line, where the browser sends the signal. */
export function GpcStatus({ store }: { store: UiStore }) {
  const { settings } = store;
  if (!settings.gpc.signal) return null;
  return <p class="text notice">{gpcRefuses(settings, SALE_CATEGORY) ? settings.texts.gpcHonored : settings.texts.gpcSeen}</p>;
}

/**
 * Under US opt-out laws a short notice stands in for the banner: optional
 * categories already run, and opting out takes one click, as opting in does.
 * While it shows, it carries the choices that the persistent link (the
 * drop-in's, choices-link.ts) offers.
 */
export function OptOutNotice({ store }: { store: UiStore }) {
  const { settings } = store;
  const { texts } = settings;
  return (
    <section class={`banner ${settings.layout}`} aria-label={texts.noticeLabel} ref={raise}>
      <div class="banner-body">
        <p class="text">
          {texts.noticeText} <PrivacyLink store={store} />
        </p>
        <GpcStatus store={store} />
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => store.decide({}, 'banner')}>
          {texts.gotIt}
        </button>
        <button type="button" class="button" onClick={() => store.decide({ [SALE_CATEGORY]: false }, 'banner')}>
          {texts.doNotSell}
        </button>
        <button type="button" class="button" onClick={() => store.show('preferences')}>
          {texts.privacyChoices}
        </button>
      </div>
    </section>
  );
}
