import { everything } from '../consent/decision';
import type { UiStore } from './shown';
import { PrivacyLink } from './privacy-link';
import { raise } from '../top-layer';

/**
 * The first layer: plain text and three buttons of equal weight. A region, not
 * a modal: it never blocks the page, and it takes focus only when the visitor
 * comes back to it from the preference center.
 */
export function Banner({ store }: { store: UiStore }) {
  const { settings } = store;
  const { texts } = settings;
  return (
    <section class={`banner ${settings.layout}`} aria-label={texts.bannerLabel} ref={raise}>
      <div class="banner-body">
        <h2 class="title">{texts.bannerTitle}</h2>
        <p class="text">
          {texts.bannerText} <PrivacyLink store={store} />
        </p>
        {store.askedAgain && <p class="text notice">{texts.revisionNotice}</p>}
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => store.decide(everything(settings, true), 'banner')}>
          {texts.acceptAll}
        </button>
        <button type="button" class="button" onClick={() => store.decide(everything(settings, false), 'banner')}>
          {texts.rejectAll}
        </button>
        <button type="button" class="button" data-customize onClick={() => store.show('preferences')}>
          {texts.customize}
        </button>
      </div>
    </section>
  );
}
