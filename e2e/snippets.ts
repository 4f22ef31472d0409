// Vendor snippets as a site owner pastes them, marked for holdback. The
// loaders' shapes follow the vendors' published base codes (Meta Pixel, the
// Google tag, the LinkedIn Insight Tag), written out here by hand.

export const META_PIXEL = `
<script type="text/plain" data-category="marketing">
  !function (f, b, e, v, n, t, s) {
    if (f.fbq) return;
    n = f.fbq = function () { n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments); };
    if (!f._fbq) f._fbq = n;
    n.push = n; n.loaded = !0; n.version = '2.0'; n.queue = [];
    t = b.createElement(e); t.async = !0; t.src = v;
    s = b.getElementsByTagName(e)[0]; s.parentNode.insertBefore(t, s);
  }(window, document, 'script', 'https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '1234567890');
  fbq('track', 'PageView');
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

export const LINKEDIN_INSIGHT = `
<script type="text/plain" data-category="marketing">
  _linkedin_partner_id = "5550001";
  window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
  window._linkedin_data_partner_ids.push(_linkedin_partner_id);
</script>
<script type="text/plain" data-category="marketing">
  (function (l) {
    if (!l) { window.lintrk = function (a, b) { window.lintrk.q.push([a, b]); }; window.lintrk.q = []; }
    var s = document.getElementsByTagName("script")[0];
    var b = document.createElement("script");
    b.type = "text/javascript"; b.async = true;
    b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
    s.parentNode.insertBefore(b, s);
  })(window.lintrk);
</script>`;

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
