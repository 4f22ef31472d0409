// @ts-check
// The demo shop's products. Pictures are inline SVG drawn on a CSS gradient of
// the product's hue, so that the demo loads nothing from the internet.

/**
 * @typedef {{ id: string, name: string, price: number, hue: number, summary: string, details: string[], video: string, picture: string }} Product
 */

/** @type {Product[]} */
export const PRODUCTS = [
  {
    id: 'ridge-shell',
    name: 'Ridge Shell Jacket',
    price: 189,
    hue: 200,
    summary: 'A three-layer waterproof shell with taped seams and a hood that fits over a helmet.',
    details: ['20,000 mm waterproof, breathable membrane', 'Pit zips for long climbs', '410 g in size M'],
    video: 'ridge-shell-rain',
    picture: `<path class="a" d="M46 20 53 15h14l7 5 18 9 8 31-10 3-6-20v35H38V43l-6 20-10-3 8-31z"/>
<path class="s" d="M60 17v56M53 15q7 8 14 0"/><path class="s" d="M42 46h10M68 46h10"/>`,
  },
  {
    id: 'canyon-pack',
    name: 'Canyon 28L Pack',
    price: 129,
    hue: 30,
    summary: 'A day pack that carries a full load without a frame: padded straps, hip belt, rain cover.',
    details: ['28 litres, laptop sleeve inside', 'Recycled 420D nylon', 'Rain cover in the base pocket'],
    video: 'canyon-pack-fit',
    picture: `<path class="s" d="M50 22q10-14 20 0"/><rect class="a" x="38" y="20" width="44" height="58" rx="13"/>
<rect class="b" x="45" y="48" width="30" height="22" rx="6"/><path class="s" d="M38 34h44"/>`,
  },
  {
    id: 'moss-boots',
    name: 'Moss Trail Boots',
    price: 159,
    hue: 120,
    summary: 'Light leather boots with a grippy sole, made to be comfortable from the first mile.',
    details: ['Full-grain leather, waterproof lining', 'Vibram outsole', 'Resoleable'],
    video: 'moss-boots-trail',
    picture: `<path class="a" d="M40 14h22v38l26 8q8 3 8 11v5H40z"/><rect class="b" x="38" y="74" width="60" height="7" rx="3"/>
<path class="s" d="M62 24h-8M62 32h-8M62 40h-8"/>`,
  },
  {
    id: 'ember-mug',
    name: 'Ember Camp Mug',
    price: 24,
    hue: 12,
    summary: 'A double-walled steel mug that keeps coffee hot through a cold sunrise.',
    details: ['350 ml, vacuum insulated', 'Sliding lid', 'Fits most bottle cages'],
    video: 'ember-mug-sunrise',
    picture: `<path class="s" d="M50 16q-4 6 0 12M60 14q-4 6 0 12M70 16q-4 6 0 12"/><rect class="a" x="40" y="32" width="38" height="44" rx="6"/>
<path class="s" d="M78 42h6q6 0 6 8v4q0 8-6 8h-6"/><path class="s" d="M40 44h38"/>`,
  },
  {
    id: 'drift-beanie',
    name: 'Drift Wool Beanie',
    price: 32,
    hue: 280,
    summary: 'Soft merino wool, knitted thick enough for wind on a ridge and thin enough under a hood.',
    details: ['100% merino wool', 'Double-layer cuff', 'One size'],
    video: 'drift-beanie-knit',
    picture: `<circle class="a" cx="60" cy="18" r="7"/><path class="a" d="M32 62q0-38 28-38t28 38z"/>
<rect class="b" x="30" y="60" width="60" height="16" rx="5"/><path class="s" d="M46 34v24M60 30v28M74 34v24"/>`,
  },
  {
    id: 'summit-poles',
    name: 'Summit Trekking Poles',
    price: 89,
    hue: 48,
    summary: 'A pair of carbon poles that fold to 38 cm and lock with one flick.',
    details: ['Carbon shafts, 260 g each', 'Cork grips', 'Winter baskets included'],
    video: 'summit-poles-fold',
    picture: `<path class="s thick" d="M44 20l24 60M76 20 52 80"/><rect class="a" x="38" y="12" width="12" height="16" rx="4" transform="rotate(-22 44 20)"/>
<rect class="a" x="70" y="12" width="12" height="16" rx="4" transform="rotate(22 76 20)"/><path class="s" d="M60 76h14M46 76h14"/>`,
  },
];

/** @param {string} id @returns {Product | undefined} */
export const findProduct = (id) => PRODUCTS.find((product) => product.id === id);

/** @param {number} euros */
export const formatPrice = (euros) => `€${euros.toFixed(2).replace(/\.00$/, '')}`;
