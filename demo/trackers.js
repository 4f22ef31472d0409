// @ts-check
// Local stand-ins for the tracker hosts that the demo and the browser tests
// load. Each answers what the real vendor's loader does that matters here: it
// sets the vendor's first-party cookie and sends the vendor's beacon, so that
// "did it fire?" can be read off the requests and cookies. None of this is the
// vendors' code; it only mimics what can be observed from outside.

const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Hosts answered here, with the vendor and the category a site would give them. */
export const TRACKERS = {
  'connect.facebook.net': { vendor: 'Meta Pixel', category: 'marketing' },
  'www.facebook.com': { vendor: 'Meta Pixel', category: 'marketing' },
  'www.googletagmanager.com': { vendor: 'Google tag', category: 'statistics' },
  'www.google-analytics.com': { vendor: 'Google Analytics', category: 'statistics' },
  'googleads.g.doubleclick.net': { vendor: 'Google Ads', category: 'marketing' },
  'snap.licdn.com': { vendor: 'LinkedIn Insight Tag', category: 'marketing' },
  'px.ads.linkedin.com': { vendor: 'LinkedIn Insight Tag', category: 'marketing' },
  'ct.pinterest.com': { vendor: 'Pinterest Tag', category: 'marketing' },
  'analytics.tiktok.com': { vendor: 'TikTok Pixel', category: 'marketing' },
  'www.youtube-nocookie.com': { vendor: 'YouTube', category: 'marketing' },
};

/**
 * @typedef {{ status: number, type: string, body: string | Buffer, cookies?: string[] }} StandIn
 *   `cookies`: the first-party cookies a stand-in script may set on the page
 * @typedef {(url: string) => string} Rewrite  maps a real vendor URL to where this environment answers it
 */

/** @param {string} text @param {string[]} [cookies] */
const js = (text, cookies = []) => ({ status: 200, type: 'text/javascript; charset=utf-8', body: text, cookies });
const gif = () => ({ status: 200, type: 'image/gif', body: GIF });

/**
 * Sets a first-party cookie the way the vendors' scripts do: on the page's own host.
 * @param {string} name @param {string} valueExpression JavaScript that gives the value @param {number} days
 */
const setCookie = (name, valueExpression, days) =>
  `document.cookie = ${JSON.stringify(`${name}=`)} + ${valueExpression} + ${JSON.stringify(`; path=/; max-age=${days * 86400}; SameSite=Lax`)};`;

/**
 * Sends a beacon as an image request, as most pixels do.
 * @param {string} url @param {Rewrite} rewrite @param {string} suffixExpression JavaScript appended to the URL
 */
const beacon = (url, rewrite, suffixExpression) => `new Image().src = ${JSON.stringify(rewrite(url))} + ${suffixExpression} + '&t=' + Date.now();`;

/**
 * The stand-in's answer for a real vendor URL, or null when the host is not a known tracker.
 * @param {URL} url
 * @param {Rewrite} rewrite
 * @returns {StandIn | null}
 */
export function answer(url, rewrite) {
  const host = url.hostname;
  if (!(host in TRACKERS)) return null;
  const path = url.pathname;
  if (host === 'connect.facebook.net' && path.endsWith('/fbevents.js')) {
    return js(
      `(function () {
  var fbq = window.fbq;
  if (!fbq) return;
  var pixel = null;
  function run(args) {
    if (args[0] === 'init') pixel = args[1];
    if (args[0] === 'track' && pixel) { ${beacon('https://www.facebook.com/tr/?id=', rewrite, "pixel + '&ev=' + args[1]")} }
  }
  ${setCookie('_fbp', "'fb.1.' + Date.now() + '.123456789'", 90)}
  fbq.callMethod = function () { run(arguments); };
  var queued = fbq.queue || [];
  fbq.queue = [];
  for (var i = 0; i < queued.length; i++) run(queued[i]);
})();`,
      ['_fbp'],
    );
  }
  if (host === 'www.googletagmanager.com' && path === '/gtag/js') {
    const id = url.searchParams.get('id') ?? '';
    return js(
      `(function () {
  window.google_tag_manager = window.google_tag_manager || {};
  window.google_tag_manager[${JSON.stringify(id)}] = { loaded: true };
  var layer = window.dataLayer = window.dataLayer || [];
  var measurement = null;
  function handle(entry) {
    if (entry && entry[0] === 'event' && measurement) {
      ${beacon('https://www.google-analytics.com/g/collect?v=2&tid=', rewrite, "measurement + '&en=' + encodeURIComponent(entry[1])")}
    }
    if (!entry || entry[0] !== 'config') return;
    var tag = entry[1];
    if (/^G-/.test(tag)) {
      measurement = tag;
      ${setCookie('_ga', "'GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000)", 400)}
      ${beacon('https://www.google-analytics.com/g/collect?v=2&tid=', rewrite, 'tag')}
    }
    if (/^AW-/.test(tag)) {
      ${setCookie('_gcl_au', "'1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000)", 90)}
      ${beacon('https://googleads.g.doubleclick.net/pagead/viewthroughconversion/?guid=ON&id=', rewrite, 'tag')}
    }
  }
  for (var i = 0; i < layer.length; i++) handle(layer[i]);
  var push = layer.push;
  layer.push = function () {
    for (var j = 0; j < arguments.length; j++) handle(arguments[j]);
    return push.apply(layer, arguments);
  };
})();`,
      ['_ga', '_gcl_au'],
    );
  }
  if (host === 'snap.licdn.com' && path.endsWith('/insight.min.js')) {
    return js(
      `(function () {
  var ids = window._linkedin_data_partner_ids || [];
  for (var i = 0; i < ids.length; i++) {
    ${beacon('https://px.ads.linkedin.com/collect/?fmt=js&pid=', rewrite, 'ids[i]')}
  }
  ${setCookie('li_fat_id', "'demo-' + Date.now()", 30)}
})();`,
      ['li_fat_id'],
    );
  }
  if (host === 'analytics.tiktok.com' && path.endsWith('/events.js')) {
    // The base code queues calls on `ttq` (and per pixel in `ttq._i[id]`) until
    // events.js arrives; the stand-in plays the queue, then runs calls at once.
    const sdkid = url.searchParams.get('sdkid') ?? '';
    return js(
      `(function () {
  var ttq = window[window.TiktokAnalyticsObject || 'ttq'];
  if (!ttq) return;
  var pixel = ${JSON.stringify(sdkid)};
  function run(args) {
    var method = args[0];
    if (method !== 'page' && method !== 'track') return;
    var event = method === 'page' ? 'Pageview' : args[1];
    ${beacon('https://analytics.tiktok.com/api/v2/pixel?sdkid=', rewrite, "pixel + '&event=' + encodeURIComponent(event)")}
  }
  ${setCookie('_ttp', "'demo' + Date.now()", 389)}
  var queued = [].concat(ttq, (ttq._i && ttq._i[pixel]) || []);
  (ttq.methods || []).forEach(function (method) {
    ttq[method] = function () { run([method].concat([].slice.call(arguments))); };
  });
  ttq.length = 0;
  for (var i = 0; i < queued.length; i++) run(queued[i]);
})();`,
      ['_ttp'],
    );
  }
  if (host === 'www.youtube-nocookie.com') {
    return {
      status: 200,
      type: 'text/html; charset=utf-8',
      body: '<!doctype html><title>Video</title><body style="margin:0;display:grid;place-items:center;height:100vh;background:#111;color:#eee;font:16px system-ui">▶ Video (local stand-in for YouTube)</body>',
    };
  }
  if (path.endsWith('.js')) return js('/* stand-in: nothing to do */');
  return gif();
}
