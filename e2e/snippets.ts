import { linkedinCode, metaPixelCode } from '../demo/shop/tags.js';

// Vendor snippets as a site owner pastes them, marked for holdback. The Meta
// Pixel and LinkedIn code is the demo shop's; the Google tag differs from the
// demo's (gtag.js not async) to test the order of execution.

export const META_PIXEL = `
<script type="text/plain" data-category="marketing">
  ${metaPixelCode('1234567890')}
</script>`;

/** The Google tag, with gtag.js not async so that the config call must wait for it. */
export const GOOGLE_TAG = `
<script type="text/plain" data-category="statistics" src="https://www.googletagmanager.com/gtag/js?id=G-TEST123"></script>
<script type="text/plain" data-category="statistics">
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-TEST123');
  window.configSawGtag = !!(window.google_tag_manager && window.google_tag_manager['G-TEST123']);
</script>`;

export const LINKEDIN_INSIGHT = linkedinCode('5550001')
  .map((code) => `\n<script type="text/plain" data-category="marketing">\n  ${code}\n</script>`)
  .join('');

export const PIXEL = `
<img data-category="marketing" data-src="https://ct.pinterest.com/v3/?event=init&tid=2612345678901&noscript=1" width="1" height="1" alt="" style="position:absolute">`;

export const ALL_VENDORS = META_PIXEL + GOOGLE_TAG + LINKEDIN_INSIGHT + PIXEL;

/** URL prefixes of each vendor's requests, as the stand-ins answer them. */
export const VENDOR_REQUESTS = {
  metaLoader: 'https://connect.facebook.net/en_US/fbevents.js',
  metaBeacon: 'https://www.facebook.com/tr/',
  gtag: 'https://www.googletagmanager.com/gtag/js',
  analyticsBeacon: 'https://www.google-analytics.com/g/collect',
  linkedinLoader: 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
  linkedinBeacon: 'https://px.ads.linkedin.com/collect/',
  pixel: 'https://ct.pinterest.com/v3/',
};

/**
 * In the page: what a single-page app adds later, a marketing pixel and a
 * marketing script (which pushes `id` to window.ran), inside a new view in <main>.
 */
export function addMarketingView(id: string): void {
  const view = document.createElement('section');
  view.innerHTML = `<img id="${id}" data-category="marketing" data-src="https://ct.pinterest.com/v3/?tid=${id}&noscript=1" alt="">`;
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('data-category', 'marketing');
  script.text = `window.ran.push(${JSON.stringify(id)})`;
  view.append(script);
  document.querySelector('main')!.append(view);
}
