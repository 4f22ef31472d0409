// @ts-check
// Builds src/catalogue/services.json from three inputs: third-party-web's
// entities (the seed of services and hosts), the Open Cookie Database (the seed
// of cookies) and src/catalogue/reviews.json (holdback's review of both). The
// output is sorted and pretty-printed so that the same inputs give the same
// bytes, and so that a review change shows as a small diff. See docs/catalogue.md.
//
//   npm run catalogue
//   OPEN_COOKIE_DATABASE=/path/to/open-cookie-database.csv npm run catalogue
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const reviewsPath = resolve(root, 'src/catalogue/reviews.json');
const outputPath = resolve(root, 'src/catalogue/services.json');
const cookieTablePath = resolve(root, 'src/catalogue/ocd-cookies.json');
const tpwDir = resolve(root, 'node_modules/third-party-web');
const ocdPath = resolve(root, process.env.OPEN_COOKIE_DATABASE || '../shared/data/open-cookie-database.csv');
// The commit of the Open Cookie Database that the CSV was taken from.
const OCD_VERSION = process.env.OPEN_COOKIE_DATABASE_VERSION || '0ee5a17';

const CATEGORIES = ['statistics', 'marketing', 'preferences'];
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(\/[^\s?#*]*)?$/;

/** @type {string[]} */
const problems = [];
const fail = (/** @type {string} */ message) => problems.push(message);

function readJson(/** @type {string} */ path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes.
 * @param {string} text
 * @returns {Record<string, string>[]}
 */
function parseCsv(text) {
  /** @type {string[][]} */
  const rows = [];
  /** @type {string[]} */
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) rows.push([...row, field]);
  const [header = [], ...body] = rows.filter((r) => r.some((f) => f.trim()));
  return body.map((r) => Object.fromEntries(header.map((name, i) => [name, (r[i] ?? '').trim()])));
}

/** "*.example.com" and "example.com" both become "example.com": a host matches its subdomains. */
const hostOf = (/** @type {string} */ domain) => domain.replace(/^\*\./, '').toLowerCase();

const underShared = (/** @type {string} */ host, /** @type {Record<string, string>} */ shared) =>
  Object.keys(shared).find((suffix) => host === suffix || host.endsWith(`.${suffix}`));

/** The first sentence of an OCD description, without its "Contents: …" tail, at most ~140 characters. */
function shorten(/** @type {string} */ description) {
  let text = description.replace(/\s+/g, ' ').trim();
  text = text.split(/ Contents: /)[0] ?? text;
  // One sentence, or two when the first says little ("Hotjar cookie.").
  const first = text.search(/\.(\s|$)/);
  const second = first > 0 ? text.slice(first + 1).search(/\.(\s|$)/) : -1;
  const stop = first > 0 && first < 30 && second > 0 ? first + 1 + second : first;
  if (stop > 0) text = text.slice(0, stop);
  if (text.length > 140) text = `${text.slice(0, text.lastIndexOf(' ', 137))}…`;
  return text.trim();
}

function duration(/** @type {string} */ retention) {
  const text = retention.replace(/\s+/g, ' ').trim().toLowerCase();
  if (!text) return 'unknown';
  if (/^(session|end of session|browser session)/.test(text)) return 'session';
  // Some rows hold other text in this column; keep only what reads as a duration.
  if (!/\d/.test(text) && !/^(persistent|forever|various|varies)$/.test(text)) return 'unknown';
  return text;
}

/** @param {Record<string, string>} row */
function cookieName(row) {
  const name = (row['Cookie / Data Key name'] ?? '').trim();
  if (row['Wildcard match'] === '1' && !name.endsWith('*')) return `${name}*`;
  return name;
}

function load() {
  if (!existsSync(ocdPath)) {
    console.error(
      `catalogue: the Open Cookie Database is not at ${ocdPath}.\n` +
        'Set OPEN_COOKIE_DATABASE to the path of open-cookie-database.csv (commit 0ee5a17 of jkwakman/Open-Cookie-Database).',
    );
    process.exit(1);
  }
  if (!existsSync(resolve(tpwDir, 'dist/entities.json'))) {
    console.error('catalogue: third-party-web is not installed; run npm install.');
    process.exit(1);
  }
  return {
    reviews: readJson(reviewsPath),
    entities: /** @type {{ name: string, company?: string, category: string, domains: string[] }[]} */ (
      readJson(resolve(tpwDir, 'dist/entities.json'))
    ),
    tpwVersion: /** @type {string} */ (readJson(resolve(tpwDir, 'package.json')).version),
    ocd: parseCsv(readFileSync(ocdPath, 'utf8')),
  };
}

// The scanner names cookies the catalogue lacks from the whole Open Cookie
// Database: [name or prefix*, category, platform, purpose, duration] per row.
const OCD_CATEGORIES = /** @type {Record<string, string>} */ ({
  Functional: 'necessary',
  Security: 'necessary',
  Analytics: 'statistics',
  Marketing: 'marketing',
  Personalization: 'preferences',
});

/** @param {Record<string, string>[]} rows */
function cookieTable(rows) {
  const seen = new Set();
  const table = [];
  for (const row of rows) {
    const name = cookieName(row);
    const category = OCD_CATEGORIES[(row.Category ?? '').trim()];
    if (!name || name === '*' || !category || seen.has(name)) continue;
    seen.add(name);
    table.push([name, category, (row.Platform ?? '').trim(), shorten(row.Description ?? ''), duration(row['Retention period'] ?? '')]);
  }
  return { source: 'open-cookie-database', version: '0ee5a17', licence: 'Apache-2.0', cookies: table };
}

function build() {
  const { reviews, entities, tpwVersion, ocd } = load();
  const entityByName = new Map(entities.map((e) => [e.name, e]));
  /** @type {Map<string, Record<string, string>[]>} */
  const ocdByPlatform = new Map();
  for (const row of ocd) {
    const platform = row.Platform ?? '';
    ocdByPlatform.set(platform, [...(ocdByPlatform.get(platform) ?? []), row]);
  }
  const docs = reviews.docs ?? {};
  const shared = reviews.sharedInfrastructure ?? {};
  /** @type {Map<string, Set<string>>} seed domains of each entity that some service kept or dropped */
  const accounted = new Map();
  const account = (/** @type {string} */ entity, /** @type {string} */ domain) => {
    if (!accounted.has(entity)) accounted.set(entity, new Set());
    accounted.get(entity)?.add(domain);
  };

  /** @type {Map<string, number>} */
  const uses = new Map();
  for (const review of reviews.services) uses.set(review.entity, (uses.get(review.entity) ?? 0) + 1);

  const services = reviews.services.map((/** @type {any} */ review) => {
    const at = `service ${review.id}`;
    const entity = review.entity ? entityByName.get(review.entity) : undefined;
    if (review.entity && !entity) fail(`${at}: third-party-web has no entity named ${JSON.stringify(review.entity)}`);
    if (review.docs && !docs[review.docs]) fail(`${at}: docs ${review.docs} is not listed under "docs"`);
    const reviewed = review.docs ? ['review', review.docs] : ['review'];
    /** @type {Record<string, string[]>} */
    const sources = {};

    // Name and provider: the seed's, unless the review gives its own.
    const name = review.name ?? entity?.name;
    sources.name = review.name ? ['review'] : ['third-party-web'];
    const provider = review.provider ?? entity?.company ?? entity?.name;
    sources.provider = review.provider ? ['review'] : ['third-party-web'];
    if (!name || !provider) fail(`${at}: a service without a seed entity needs a name and a provider`);

    // Category: third-party-web's is coarse, so every mapping is a review decision.
    const rule = entity ? reviews.categoryRules[entity.category] : undefined;
    const category = review.category ?? rule?.category;
    if (!CATEGORIES.includes(category)) fail(`${at}: no category (third-party-web: ${entity?.category})`);
    if (entity && category !== rule?.category && !review.why) {
      fail(`${at}: the category ${category} differs from the rule for ${entity.category}; say why`);
    }
    sources.category = ['review'];

    // Hosts: the seed's domains, minus what the review drops, plus what it adds.
    const hostReview = review.hosts ?? {};
    const drop = hostReview.drop ?? {};
    // An entity split into several services gives each only the domains it names.
    const alone = uses.get(review.entity) === 1;
    const seedDomains = hostReview.seed ?? (alone ? (entity?.domains ?? []).filter((d) => !(d in drop)) : []);
    /** @type {Set<string>} */
    const hosts = new Set();
    let seeded = false;
    for (const domain of Object.keys(drop)) {
      if (entity && !entity.domains.includes(domain)) fail(`${at}: drops ${domain}, which the seed does not have`);
      if (entity) account(entity.name, domain);
    }
    for (const domain of seedDomains) {
      if (!entity?.domains.includes(domain)) {
        fail(`${at}: keeps ${domain}, which the seed does not have`);
        continue;
      }
      account(entity.name, domain);
      const host = hostOf(domain);
      if (underShared(host, shared)) continue;
      hosts.add(host);
      seeded = true;
    }
    for (const host of hostReview.add ?? []) hosts.add(host);
    for (const host of hosts) {
      if (!HOST.test(host)) fail(`${at}: ${JSON.stringify(host)} is not a lower-case host with an optional path`);
      const suffix = underShared(host.split('/')[0] ?? host, shared);
      if (suffix) fail(`${at}: ${host} is under shared infrastructure ${suffix}`);
    }
    if (hosts.size === 0) fail(`${at}: no hosts`);
    sources.hosts = [...(seeded ? ['third-party-web'] : []), ...((hostReview.add ?? []).length ? reviewed : [])];

    const cookies = buildCookies(at, review.cookies ?? {}, ocdByPlatform, reviewed);
    const storage = (review.storage ?? []).map((/** @type {any} */ s) => ({
      name: s.name,
      purpose: s.purpose,
      source: review.docs ?? 'review',
    }));

    const privacyPolicy = review.privacyPolicy ?? null;
    if (privacyPolicy !== null) sources.privacyPolicy = ['review'];
    for (const key of Object.keys(sources)) sources[key] = [...new Set(sources[key])];

    return {
      id: review.id,
      name,
      provider,
      category,
      hosts: [...hosts].sort(),
      ...(review.loader ? { loader: true } : {}),
      ...(review.consentMode ? { consentMode: true } : {}),
      cookies,
      storage,
      privacyPolicy,
      sources,
    };
  });

  // Every seed domain of an entity the catalogue uses is kept or dropped by some
  // service, so that a domain cannot be lost without a reason.
  for (const [entityName, seen] of accounted) {
    const entity = entityByName.get(entityName);
    for (const domain of entity?.domains ?? []) {
      const host = hostOf(domain);
      if (!seen.has(domain) && !underShared(host, shared)) {
        fail(`entity ${entityName}: seed domain ${domain} is neither kept nor dropped by any service`);
      }
    }
  }

  const ids = services.map((s) => s.id);
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) fail(`service ${id} is listed twice`);

  /** @type {Record<string, { title: string, version?: string, licence?: string, url: string }>} */
  const sourceList = {
    'open-cookie-database': {
      title: 'Open Cookie Database',
      version: OCD_VERSION,
      licence: 'Apache-2.0',
      url: 'https://github.com/jkwakman/Open-Cookie-Database',
    },
    review: { title: "holdback's own review", licence: 'MIT', url: 'docs/catalogue.md' },
    'third-party-web': {
      title: 'third-party-web',
      version: tpwVersion,
      licence: 'MIT',
      url: 'https://github.com/patrickhulce/third-party-web',
    },
  };
  for (const [id, doc] of Object.entries(docs)) sourceList[id] = { title: doc.title, url: doc.url };

  return {
    version: 1,
    sources: Object.fromEntries(Object.entries(sourceList).sort(([a], [b]) => (a < b ? -1 : 1))),
    services: services.sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

/**
 * Cookies from one or more OCD platforms (all, or `only` some names, minus
 * `skip`), with `fix`es and `add`itions by the review.
 * @param {string} at
 * @param {any} review
 * @param {Map<string, Record<string, string>[]>} ocdByPlatform
 * @param {string[]} reviewed
 */
function buildCookies(at, review, ocdByPlatform, reviewed) {
  const platforms = [review.platform ?? []].flat();
  /** @type {Map<string, { name: string, purpose: string, duration: string, source: string }>} */
  const cookies = new Map();
  for (const platform of platforms) {
    const rows = ocdByPlatform.get(platform);
    if (!rows) fail(`${at}: the Open Cookie Database has no platform ${JSON.stringify(platform)}`);
    for (const row of rows ?? []) {
      const name = cookieName(row);
      const bare = name.replace(/\*$/, '');
      if (review.only && !review.only.includes(bare)) continue;
      if (review.skip && bare in review.skip) continue;
      // Placeholders such as pm_sess_NNN and names with a * inside are not real cookie names.
      if (!/^[!#$%&'+\-.^_`|~0-9A-Za-z]+\*?$/.test(name) || /NNN/.test(name)) continue;
      if (cookies.has(name)) continue;
      cookies.set(name, {
        name,
        purpose: shorten(row.Description ?? ''),
        duration: duration(row['Retention period'] ?? ''),
        source: 'open-cookie-database',
      });
    }
  }
  for (const wanted of review.only ?? []) {
    if (![...cookies.keys()].some((n) => n.replace(/\*$/, '') === wanted)) {
      fail(`${at}: cookie ${wanted} is not in the Open Cookie Database under ${platforms.join(', ')}`);
    }
  }
  for (const [bare, fix] of Object.entries(review.fix ?? {})) {
    const cookie = cookies.get(bare) ?? cookies.get(`${bare}*`);
    if (!cookie) {
      fail(`${at}: fixes cookie ${bare}, which is not selected`);
      continue;
    }
    if (!fix.why) fail(`${at}: the fix of cookie ${bare} needs a why`);
    Object.assign(cookie, fix.purpose ? { purpose: fix.purpose } : {}, fix.duration ? { duration: fix.duration } : {});
    cookie.source = 'review';
  }
  for (const added of review.add ?? []) {
    if (!added.why) fail(`${at}: the added cookie ${added.name} needs a why`);
    cookies.set(added.name, {
      name: added.name,
      purpose: added.purpose,
      duration: added.duration,
      source: 'review',
    });
  }
  return [...cookies.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const catalogue = build();
if (problems.length) {
  console.error(`catalogue: ${problems.length} problem(s) in the review:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
writeFileSync(outputPath, `${JSON.stringify(catalogue, null, 2)}\n`);
writeFileSync(cookieTablePath, `${JSON.stringify(cookieTable(load().ocd))}\n`);
const hostCount = catalogue.services.reduce((n, s) => n + s.hosts.length, 0);
const cookieCount = catalogue.services.reduce((n, s) => n + s.cookies.length, 0);
console.log(
  `catalogue: ${catalogue.services.length} services, ${hostCount} hosts, ${cookieCount} cookies → src/catalogue/services.json`,
);
