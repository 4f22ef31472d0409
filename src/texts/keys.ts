// The names of the UI's texts, in the order the notice lists them. The core
// checks a config's text overrides against them; the texts themselves (en.ts
// and the other languages) ship with the UI file. A function, not a constant:
// the list is made only when a config has texts to check, not kept by every page.
export const textKeys = () =>
  [
    'bannerLabel',
    'bannerTitle',
    'bannerText',
    'privacyPolicy',
    'acceptAll',
    'rejectAll',
    'customize',
    'preferenceCenterTitle',
    'preferenceCenterText',
    'save',
    'close',
    'alwaysOn',
    'cookies',
    'cookieName',
    'cookiePurpose',
    'cookieDuration',
    'cookieProvider',
    'services',
    'revisionNotice',
    'placeholderTitle',
    'placeholderText',
    'loadService',
    'loadOnce',
    'privacySettings',
    'noticeLabel',
    'noticeText',
    'gotIt',
    'privacyChoices',
    'doNotSell',
    'limitSensitive',
    'saleOrSharing',
    'gpcHonored',
    'gpcSeen',
    'consentId',
    'decidedAt',
    'necessaryTitle',
    'necessaryDescription',
    'preferencesTitle',
    'preferencesDescription',
    'statisticsTitle',
    'statisticsDescription',
    'marketingTitle',
    'marketingDescription',
  ] as const;

export type TextKey = ReturnType<typeof textKeys>[number];
export type Texts = Record<TextKey, string>;
