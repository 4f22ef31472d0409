// @ts-check
// The shop's pages: home, product, checkout and privacy, each also under a
// language prefix (/de/checkout) that sets <html lang> and loads that
// language's file, as a multilingual site would.
import { findProduct, formatPrice, PRODUCTS } from './catalogue.js';
import { escapeHtml, layout } from './layout.js';
import { purchaseTags, VIDEO_HOST } from './tags.js';

/** @typedef {import('./layout.js').Context} Context @typedef {import('./layout.js').Language} Language */
/** @typedef {import('./catalogue.js').Product} Product */

/** @param {Product} product */
const picture = (product) =>
  `<div class="picture" style="--hue: ${product.hue}"><svg viewBox="0 0 120 90" role="img" aria-label="${escapeHtml(product.name)}">${product.picture}</svg></div>`;

/** @param {Context} context */
function home(context) {
  const cards = PRODUCTS.map(
    (product) => `<li class="card"><a class="card-link" href="${context.base}/product/${product.id}">${picture(product)}
  <span class="card-name">${escapeHtml(product.name)}</span><span class="price">${formatPrice(product.price)}</span></a></li>`,
  ).join('\n');
  return layout(context, {
    title: 'Gear for long days outside',
    main: `<section class="hero">
  <h1>Gear for long days outside</h1>
  <p>Jackets, packs and boots, tested on real trails. Free returns for 60 days.</p>
</section>
<ul class="grid" aria-label="Products">
${cards}
</ul>`,
  });
}

/** @param {Context} context @param {Product} product */
function productPage(context, product) {
  return layout(context, {
    title: product.name,
    main: `<article class="product">
  ${picture(product)}
  <div class="product-text">
    <p class="crumbs"><a href="${context.base}/">Shop</a> / ${escapeHtml(product.name)}</p>
    <h1>${escapeHtml(product.name)}</h1>
    <p class="price big">${formatPrice(product.price)}</p>
    <p>${escapeHtml(product.summary)}</p>
    <ul>${product.details.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>
    <a class="button" href="${context.base}/checkout?item=${product.id}">Add to bag</a>
  </div>
</article>
<section class="video">
  <h2>See it outside</h2>
  <!-- The YouTube embed (marketing): a placeholder stands in until YouTube is allowed. -->
  <iframe data-category="marketing" data-service="youtube" data-src="${VIDEO_HOST}${product.video}" width="560" height="315" title="${escapeHtml(product.name)} video" allowfullscreen></iframe>
</section>`,
  });
}

/** @param {Context} context @param {Product} product */
function checkout(context, product) {
  const shipping = product.price >= 50 ? 0 : 5;
  const total = product.price + shipping;
  return layout(context, {
    title: 'Checkout',
    main: `<h1>Checkout</h1>
<div class="checkout">
  <section class="summary" aria-label="Your bag">
    <div class="line">${picture(product)}<span class="line-name">${escapeHtml(product.name)}</span><span>${formatPrice(product.price)}</span></div>
    <p class="line"><span>Shipping</span><span>${shipping ? formatPrice(shipping) : 'Free'}</span></p>
    <p class="line total"><span>Total</span><span>${formatPrice(total)}</span></p>
  </section>
  <form class="address" onsubmit="event.preventDefault(); this.querySelector('output').value = 'Thank you! (This is a demo: nothing was ordered.)';">
    <label>Name <input name="name" autocomplete="name"></label>
    <label>Email <input name="email" type="email" autocomplete="email"></label>
    <label>Address <input name="address" autocomplete="street-address"></label>
    <button class="button" type="submit">Place order</button>
    <output></output>
  </form>
</div>
<p class="note">This page carries the shop's conversion tags: a purchase event for Google, Meta and TikTok, and a 1×1 Pinterest pixel. Each waits for consent like its base code.</p>`,
    bodyEnd: purchaseTags({ value: total, currency: 'EUR' }),
  });
}

/** @param {Context} context */
function privacy(context) {
  return layout(context, {
    title: 'Privacy policy',
    main: `<div class="prose">
<h1>Privacy policy</h1>
<p>This is a demo page. A real privacy policy says which cookies and tools a site uses, why, and for how long.</p>
<p>This shop carries the Google tag (statistics), and the Meta Pixel, the LinkedIn Insight Tag, the TikTok Pixel, a Pinterest conversion pixel and YouTube videos (marketing). None of them runs until you allow its category or the service itself.</p>
<p><a href="#consent-preferences">Change your cookie choices</a></p>
</div>`,
  });
}

/**
 * The shop, as a function from a request's path and query to a page, or null when there is no such page.
 * @param {{ languages: Language[], consentLog?: import('./layout.js').ConsentLog }} options the languages on offer,
 * English first, and where the consent records go (the demo server's own list by default)
 */
export function createShop({ languages, consentLog = { endpoint: '/__records', dashboard: null } }) {
  const prefixed = new Set(languages.map(({ code }) => code).filter((code) => code !== 'en'));

  /** @param {string} pathname @param {URLSearchParams} query @returns {string | null} */
  return function render(pathname, query) {
    const prefix = /^\/([a-z]{2})(\/.*|)$/.exec(pathname);
    const language = prefix?.[1] && prefixed.has(prefix[1]) ? prefix[1] : 'en';
    const path = language === 'en' ? pathname : prefix?.[2] || '/';
    /** @type {Context} */
    const context = { language, base: language === 'en' ? '' : `/${language}`, languages, path, consentLog };

    if (path === '/') return home(context);
    if (path === '/privacy') return privacy(context);
    if (path === '/checkout') {
      const item = findProduct(query.get('item') ?? PRODUCTS[0]?.id ?? '');
      return item ? checkout(context, item) : null;
    }
    const product = /^\/product\/([a-z-]+)$/.exec(path);
    if (product?.[1]) {
      const found = findProduct(product[1]);
      return found ? productPage(context, found) : null;
    }
    return null;
  };
}
