import { metaPixelCode } from '../demo/shop/tags.js';
import type { Site } from './site';

// A page whose trackers nobody marked: every way a tag reaches a real page,
// in the vendors' own shapes, with the real hosts (answered locally).

/** Requests that each vector makes, by the prefix the tests count. */
export const VECTORS = {
  // Written in the HTML: fetched by the preload scanner before any script can act.
  parserScript: 'https://www.googletagmanager.com/gtag/js?id=G-AUTO1',
  parserPixel: 'https://ct.pinterest.com/v3/?event=init&tid=html',
  parserFrame: 'https://www.youtube-nocookie.com/embed/html',
  // Created by scripts: held back before they fetch anything.
  metaLoader: 'https://connect.facebook.net/en_US/fbevents.js',
  metaBeacon: 'https://www.facebook.com/tr/?id=111',
  image: 'https://ct.pinterest.com/v3/?event=init&tid=image',
  setAttribute: 'https://analytics.tiktok.com/i18n/pixel/events.js?sdkid=ATTR',
  innerHTML: 'https://px.ads.linkedin.com/collect/?pid=inner',
  adjacentHTML: 'https://px.ads.linkedin.com/collect/?pid=adjacent',
  preload: 'https://ct.pinterest.com/v3/?event=init&tid=preload',
  write: 'https://googleads.g.doubleclick.net/pagead/viewthroughconversion/write/',
  frame: 'https://www.youtube-nocookie.com/embed/script',
  loaderLinkedin: 'https://snap.licdn.com/li.lms-analytics/insight.min.js',
  loaderBeacon: 'https://px.ads.linkedin.com/collect/?fmt=js&pid=5550009',
  library: 'https://static.ads-twitter.com/library.js',
  plugin: 'https://static.ads-twitter.com/plugin.js',
} as const;

/** Requests that scripts send directly, tagged "before" (page load) or "after" (once allowed). */
export const requests = (tag: string) => ({
  fetch: `https://www.google-analytics.com/g/collect?v=2&tid=fetch-${tag}`,
  xhr: `https://analytics.tiktok.com/api/v2/pixel?xhr=${tag}`,
  beacon: `https://www.facebook.com/tr/?id=beacon-${tag}`,
  frameBeacon: `https://www.facebook.com/tr/?id=frame-${tag}`,
});

export const ELEMENT_VECTORS = [
  'metaLoader',
  'metaBeacon',
  'image',
  'setAttribute',
  'innerHTML',
  'adjacentHTML',
  'preload',
  'write',
  'frame',
  'loaderLinkedin',
  'loaderBeacon',
  'library',
  'plugin',
] as const;

export const PARSER_VECTORS = ['parserScript', 'parserPixel', 'parserFrame'] as const;

const HEAD = `
<script async src="${VECTORS.parserScript}"></script>
<script>
  window.dataLayer = window.dataLayer || [];
  function gtag() { dataLayer.push(arguments); }
  gtag('js', new Date());
  gtag('config', 'G-AUTO1');
</script>
<script>
  ${metaPixelCode('111')}
</script>`;

const BODY = `
<img src="${VECTORS.parserPixel}&noscript=1" width="1" height="1" alt="">
<iframe src="${VECTORS.parserFrame}" width="320" height="180" title="Video"></iframe>
<div id="slot"></div>
<script src="/app.js"></script>
<script src="https://cdn.widgets.test/widget.js"></script>
<script src="/loader.js"></script>
<script>
  new Image().src = '${VECTORS.image}&noscript=1';
  var tiktok = document.createElement('script');
  tiktok.setAttribute('src', '${VECTORS.setAttribute}&lib=ttq');
  document.head.appendChild(tiktok);
  document.getElementById('slot').innerHTML = '<img src="${VECTORS.innerHTML}&fmt=gif" alt="">';
  document.getElementById('slot').insertAdjacentHTML('beforeend', '<img src="${VECTORS.adjacentHTML}&fmt=gif" alt="">');
  var preload = document.createElement('link');
  preload.rel = 'preload';
  preload.as = 'image';
  preload.href = '${VECTORS.preload}';
  document.head.appendChild(preload);
  document.write('<script src="${VECTORS.write}?guid=ON"><\\/script>');
  var video = document.createElement('iframe');
  video.src = '${VECTORS.frame}';
  video.width = 320;
  video.height = 180;
  video.title = 'Video';
  document.body.appendChild(video);
</script>`;

// The "tag manager": a first-party loader that injects LinkedIn's tag and a
// library-then-plugin pair half a second after the page loads, in order (async = false).
const LOADER = `setTimeout(function () {
  window._linkedin_partner_id = '5550009';
  window._linkedin_data_partner_ids = [window._linkedin_partner_id];
  var s = document.createElement('script');
  s.async = true;
  s.src = '${VECTORS.loaderLinkedin}';
  document.head.appendChild(s);
  ['${VECTORS.library}', '${VECTORS.plugin}'].forEach(function (src) {
    var e = document.createElement('script');
    e.async = false;
    e.src = src;
    document.head.appendChild(e);
  });
  window.loaderRan = true;
}, 500);`;

const SEND = `window.sendRequests = function (tag) {
  fetch('https://www.google-analytics.com/g/collect?v=2&tid=fetch-' + tag).catch(function () {});
  var xhr = new XMLHttpRequest();
  xhr.open('GET', 'https://analytics.tiktok.com/api/v2/pixel?xhr=' + tag);
  xhr.send();
  navigator.sendBeacon('https://www.facebook.com/tr/?id=beacon-' + tag);
  var frame = document.createElement('iframe');
  frame.style.display = 'none';
  document.body.appendChild(frame);
  frame.contentWindow.navigator.sendBeacon('https://www.facebook.com/tr/?id=frame-' + tag);
};
window.sendRequests('before');`;

/** Serves the unmarked page at a path, with its first-party, unknown and vendor files. */
export function serveUnmarked(site: Pick<Site, 'serve' | 'asset'>, path: string, config: Record<string, unknown>, attributes = ''): void {
  site.serve(path, {
    dropIn: 'consent-autoblock.js',
    config,
    attributes,
    head: HEAD,
    body: `${BODY}\n<script src="/send.js"></script>`,
  });
  site.asset('/app.js', 'window.appRan = true;');
  site.asset('/loader.js', LOADER);
  site.asset('/send.js', SEND);
  site.asset('https://cdn.widgets.test/widget.js', 'window.widgetRan = true;');
  // The library is slow: the plugin must still run after it.
  site.asset(VECTORS.library, 'window.library = { loaded: true };', { delay: 300 });
  site.asset(VECTORS.plugin, 'window.pluginSawLibrary = !!window.library;');
}
