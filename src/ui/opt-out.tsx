import { gpcRefuses } from '../consent/decision';
import { SALE_CATEGORY } from '../markup';
import type { UiStore } from './shown';
import { PrivacyLink } from './privacy-link';
import { raise } from './top-layer';

/** The Global Privacy Control status line, where the browser sends the signal. */
export function GpcStatus({ store }: { store: UiStore }) {
  const { settings } = store;
  if (!settings.gpc.signal) return null;
  return <p class="text notice">{gpcRefuses(settings, SALE_CATEGORY) ? settings.texts.gpcHonored : settings.texts.gpcSeen}</p>;
}

/**
 * Under US opt-out laws a short notice stands in for the banner: optional
 * categories already run, and opting out takes one click, as opting in does.
 * While it shows, it carries the choices that the persistent link offers.
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

/**
 * The link that stays on every page under opt-out (a cookie banner alone is not
 * an acceptable opt-out method in California): "Your Privacy Choices" with the
 * opt-out icon, or the two links of the regulations.
 */
export function ChoicesLinks({ store }: { store: UiStore }) {
  const { texts, optOutLinks } = store.settings;
  const open = () => store.show('preferences');
  return (
    <nav class="choices" aria-label={texts.privacyChoices} ref={raise}>
      {optOutLinks === 'two-links' ? (
        <>
          <button type="button" class="link" onClick={() => store.decide({ [SALE_CATEGORY]: false }, 'banner')}>
            {texts.doNotSell}
          </button>
          <button type="button" class="link" onClick={open}>
            {texts.limitSensitive}
          </button>
        </>
      ) : (
        <button type="button" class="link" onClick={open}>
          <svg aria-hidden="true" viewBox="0 0 30 14" width="30" height="14">
            <rect x="0.5" y="0.5" width="29" height="13" rx="6.5" fill="#fff" stroke="#0066ff" />
            <path d="M7 0.5h8l-4 13H7a6.5 6.5 0 0 1 0-13z" fill="#0066ff" />
            <path d="M4.5 7l2 2 3.5-4" stroke="#fff" stroke-width="1.5" fill="none" />
            <path d="M19.5 4.5l5 5m0-5l-5 5" stroke="#0066ff" stroke-width="1.5" />
          </svg>
          {texts.privacyChoices}
        </button>
      )}
    </nav>
  );
}
