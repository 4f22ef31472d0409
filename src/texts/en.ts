// English texts, the fallback for every language. Plain words, short
// sentences: regulators ask for a first layer a visitor understands at once.
import type { Texts } from './keys';

export type { TextKey, Texts } from './keys';

export const en: Texts = {
  bannerLabel: 'Cookie consent',
  bannerTitle: 'Your privacy choices',
  bannerText:
    'We would like to use cookies and similar tools to measure how our site is used and to show you relevant ads. They only run if you allow them. You can change your choice at any time.',
  privacyPolicy: 'Privacy policy',
  acceptAll: 'Accept all',
  rejectAll: 'Reject all',
  customize: 'Customize',
  preferenceCenterTitle: 'Privacy preferences',
  preferenceCenterText:
    'Choose which kinds of cookies and tools we may use. Strictly necessary ones are always on, because the site cannot work without them.',
  save: 'Save choices',
  close: 'Close',
  alwaysOn: 'Always on',
  cookies: 'Cookies',
  cookieName: 'Name',
  cookiePurpose: 'Purpose',
  cookieDuration: 'Duration',
  cookieProvider: 'Provider',
  services: 'Services',
  revisionNotice: 'We have changed how we use cookies since you last chose, so we ask again.',
  placeholderTitle: '{service} is blocked',
  placeholderText: 'It would set cookies for {category}, which you have not allowed.',
  loadService: 'Load {service}',
  loadOnce: 'Load once',
  privacySettings: 'Privacy settings',
  noticeLabel: 'Privacy notice',
  noticeText:
    'We use cookies and similar tools for statistics and advertising. You can opt out of the sale or sharing of your personal information at any time.',
  gotIt: 'OK',
  privacyChoices: 'Your Privacy Choices',
  doNotSell: 'Do Not Sell or Share My Personal Information',
  limitSensitive: 'Limit the Use of My Sensitive Personal Information',
  saleOrSharing: 'Sale or sharing of my personal information',
  gpcHonored: 'Opt-Out Request Honored: your Global Privacy Control signal was honored.',
  gpcSeen: 'Your browser sends a Global Privacy Control signal.',
  consentId: 'Consent ID',
  decidedAt: 'Decided on',
  necessaryTitle: 'Strictly necessary',
  necessaryDescription: 'Needed for the site to work, for example to remember this choice. They cannot be switched off.',
  preferencesTitle: 'Preferences',
  preferencesDescription: 'Remember settings such as your language or region.',
  statisticsTitle: 'Statistics',
  statisticsDescription: 'Count visits and see how the site is used, so that we can improve it.',
  marketingTitle: 'Marketing',
  marketingDescription: 'Measure our ads and show you ads that match your interests, here and on other sites.',
};
