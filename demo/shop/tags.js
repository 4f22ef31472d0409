// @ts-check
// What a site owner puts in <head>: holdback's config, the language file, the
// drop-in, then each vendor's tag in the shape the vendor documents, marked
// with type="text/plain" and data-category so that holdback holds it back. The
// addresses are the real ones; the demo server rewrites them to its stand-ins.

const IDS = { google: 'G-DEMO12345', meta: '1234567890', linkedin: '5550001', tiktok: 'CDEMO0TIKTOK0PIXEL' };

/** @param {string} base the page's language prefix, '' or '/de' @param {string} recordEndpoint */
const consentConfig = (base, recordEndpoint) => `window.consentConfig = {
  privacyPolicyUrl: '${base}/privacy',
  recordEndpoint: '${recordEndpoint}',
  googleConsentMode: true,
  categories: {
    preferences: {},
    statistics: {
      cookies: [
        { name: '_ga', purpose: 'Tells visitors apart', duration: '2 years', provider: 'Google' },
        { name: '_ga_*', purpose: 'Keeps the session state', duration: '2 years', provider: 'Google' },
      ],
      services: {
        'google-analytics': { title: 'Google Analytics', hosts: ['www.googletagmanager.com', 'www.google-analytics.com'] },
      },
    },
    marketing: {
      services: {
        'meta-pixel': {
          title: 'Meta Pixel',
          hosts: ['connect.facebook.net', 'www.facebook.com'],
          cookies: [{ name: '_fbp', purpose: 'Measures ads on Facebook and Instagram', duration: '90 days', provider: 'Meta' }, '_fbc'],
        },
        linkedin: {
          title: 'LinkedIn Insight Tag',
          hosts: ['snap.licdn.com', 'px.ads.linkedin.com'],
          cookies: [{ name: 'li_fat_id', purpose: 'Attributes LinkedIn ad clicks', duration: '30 days', provider: 'LinkedIn' }],
        },
        tiktok: {
          title: 'TikTok Pixel',
          hosts: ['analytics.tiktok.com'],
          cookies: [{ name: '_ttp', purpose: 'Measures ads on TikTok', duration: '13 months', provider: 'TikTok' }],
        },
        pinterest: { title: 'Pinterest Tag', hosts: ['ct.pinterest.com'] },
        youtube: { title: 'YouTube', hosts: ['www.youtube-nocookie.com'] },
      },
    },
  },
};`;

const GOOGLE_TAG = `<!-- Google tag (statistics), basic Consent Mode: holdback sets the consent default, the tag loads after consent. -->
<script type="text/plain" data-category="statistics" data-service="google-analytics" async src="https://www.googletagmanager.com/gtag/js?id=${IDS.google}"></script>
<script type="text/plain" data-category="statistics" data-service="google-analytics">
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', '${IDS.google}');
</script>`;

/**
 * The Meta Pixel's base code, as Meta publishes it (written out, not minified).
 * The browser tests use it too.
 * @param {string} id
 */
export const metaPixelCode = (id) => `!function (f, b, e, v, n, t, s) {
    if (f.fbq) return;
    n = f.fbq = function () { n.callMethod ? n.callMethod.apply(n, arguments) : n.queue.push(arguments); };
    if (!f._fbq) f._fbq = n;
    n.push = n; n.loaded = !0; n.version = '2.0'; n.queue = [];
    t = b.createElement(e); t.async = !0; t.src = v;
    s = b.getElementsByTagName(e)[0]; s.parentNode.insertBefore(t, s);
  }(window, document, 'script', 'https://connect.facebook.net/en_US/fbevents.js');
  fbq('init', '${id}');
  fbq('track', 'PageView');`;

const META_PIXEL = `<!-- Meta Pixel base code (marketing). -->
<script type="text/plain" data-category="marketing" data-service="meta-pixel">
  ${metaPixelCode(IDS.meta)}
</script>`;

/**
 * The LinkedIn Insight Tag's two scripts: the partner ID, then the loader.
 * The browser tests use them too.
 * @param {string} id
 */
export const linkedinCode = (id) => [
  `_linkedin_partner_id = "${id}";
  window._linkedin_data_partner_ids = window._linkedin_data_partner_ids || [];
  window._linkedin_data_partner_ids.push(_linkedin_partner_id);`,
  `(function (l) {
    if (!l) { window.lintrk = function (a, b) { window.lintrk.q.push([a, b]); }; window.lintrk.q = []; }
    var s = document.getElementsByTagName("script")[0];
    var b = document.createElement("script");
    b.type = "text/javascript"; b.async = true;
    b.src = "https://snap.licdn.com/li.lms-analytics/insight.min.js";
    s.parentNode.insertBefore(b, s);
  })(window.lintrk);`,
];

const LINKEDIN_INSIGHT_TAG = `<!-- LinkedIn Insight Tag (marketing). -->
${linkedinCode(IDS.linkedin)
  .map((code) => `<script type="text/plain" data-category="marketing" data-service="linkedin">\n  ${code}\n</script>`)
  .join('\n')}`;

// TikTok's base code: a queue object with the pixel's method names, and load()
// adding events.js; spelt out here rather than minified.
const TIKTOK_PIXEL = `<!-- TikTok Pixel base code (marketing). -->
<script type="text/plain" data-category="marketing" data-service="tiktok">
  !function (w, d, t) {
    w.TiktokAnalyticsObject = t;
    var ttq = w[t] = w[t] || [];
    ttq.methods = ["page", "track", "identify", "instances", "debug", "on", "off", "once", "ready", "alias", "group", "enableCookie", "disableCookie", "holdConsent", "revokeConsent", "grantConsent"];
    ttq.setAndDefer = function (t, e) { t[e] = function () { t.push([e].concat(Array.prototype.slice.call(arguments, 0))); }; };
    for (var i = 0; i < ttq.methods.length; i++) ttq.setAndDefer(ttq, ttq.methods[i]);
    ttq.instance = function (t) {
      for (var e = ttq._i[t] || [], n = 0; n < ttq.methods.length; n++) ttq.setAndDefer(e, ttq.methods[n]);
      return e;
    };
    ttq.load = function (e, n) {
      var r = "https://analytics.tiktok.com/i18n/pixel/events.js";
      ttq._i = ttq._i || {}; ttq._i[e] = []; ttq._i[e]._u = r;
      ttq._t = ttq._t || {}; ttq._t[e] = +new Date;
      ttq._o = ttq._o || {}; ttq._o[e] = n || {};
      var o = d.createElement("script");
      o.type = "text/javascript"; o.async = !0; o.src = r + "?sdkid=" + e + "&lib=" + t;
      var a = d.getElementsByTagName("script")[0]; a.parentNode.insertBefore(o, a);
    };
    ttq.load('${IDS.tiktok}');
    ttq.page();
  }(window, document, 'ttq');
</script>`;

/**
 * Everything in <head> that concerns consent, in the order it must come.
 * @param {{ base: string, language: string, recordEndpoint: string }} page
 */
export function headTags({ base, language, recordEndpoint }) {
  return `<script>
${consentConfig(base, recordEndpoint)}
</script>
<!-- Demo only: the theme, layout and floating-button switchers. -->
<script src="/settings.js"></script>
${language === 'en' ? '' : `<script src="/lang/${language}.js"></script>\n`}<script src="/consent.js"></script>

${GOOGLE_TAG}

${META_PIXEL}

${LINKEDIN_INSIGHT_TAG}

${TIKTOK_PIXEL}`;
}

/**
 * The checkout's conversion events: one per vendor, each held back like its base code.
 * @param {{ value: number, currency: string }} order
 */
export function purchaseTags({ value, currency }) {
  const params = JSON.stringify({ value, currency });
  return `<!-- Conversion events, held back with their tags. -->
<script type="text/plain" data-category="statistics" data-service="google-analytics">
  gtag('event', 'purchase', ${params});
</script>
<script type="text/plain" data-category="marketing" data-service="meta-pixel">
  fbq('track', 'Purchase', ${params});
</script>
<script type="text/plain" data-category="marketing" data-service="tiktok">
  ttq.track('CompletePayment', ${params});
</script>
<!-- A 1×1 conversion pixel (marketing): its address waits in data-src. -->
<img data-category="marketing" data-service="pinterest" data-src="https://ct.pinterest.com/v3/?event=checkout&tid=2612345678901&value=${value}&currency=${currency}&noscript=1" width="1" height="1" alt="">`;
}

export const VIDEO_HOST = 'https://www.youtube-nocookie.com/embed/';
