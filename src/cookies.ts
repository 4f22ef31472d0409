// The browser's cookie jar through document.cookie: every value stored under a
// name (duplicates included), writing one with its attributes, and deletion
// wherever a cookie may have been set.
//
// Values are written as js-cookie (which holdback used before) writes them, so
// that cookies stored by earlier versions read back the same: percent-encoded,
// less the characters a cookie value may hold as they are.

// document.cookie's accessor as it was when holdback started (keepCookieJar),
// so that a page that replaces it later cannot feed holdback a choice or keep one from being stored.
const apply = Reflect.apply;
let jar: PropertyDescriptor | undefined;

/** Keeps document.cookie's accessor as it is now for every read and write after. */
export function keepCookieJar(): void {
  let owner: object | null = document;
  while (owner && !Object.getOwnPropertyDescriptor(owner, 'cookie')) owner = Object.getPrototypeOf(owner);
  const found = owner ? Object.getOwnPropertyDescriptor(owner, 'cookie') : undefined;
  if (found?.get && found.set) jar = found;
}

function readJar(): string {
  return jar ? String(apply(jar.get!, document, [])) : document.cookie;
}

/** All [name, raw value] pairs in document.cookie, in the browser's order. */
export function cookiePairs(): [string, string][] {
  const pairs: [string, string][] = [];
  const parts = readJar().split(';');
  // An indexed loop: a page may replace the array methods after holdback started.
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const cut = part.indexOf('=');
    const name = (cut < 0 ? part : part.slice(0, cut)).trim();
    if (name !== '') pairs[pairs.length] = [name, cut < 0 ? '' : part.slice(cut + 1).trim()];
  }
  return pairs;
}

/** A stored value as it was given to writeCookie(); a malformed escape is left as it is. */
export function decodeValue(raw: string): string {
  const value = raw.startsWith('"') && raw.endsWith('"') && raw.length > 1 ? raw.slice(1, -1) : raw;
  return value.replace(/(%[\dA-F]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

export interface CookieAttributes {
  path?: string;
  domain?: string | undefined;
  sameSite?: 'Lax' | 'Strict' | 'None';
  secure?: boolean;
  /** Days from now; negative deletes. Without it, a session cookie. */
  days?: number | undefined;
}

/** Writes one cookie; `name` must be a cookie token (the config checks the consent cookie's). */
export function writeCookie(name: string, value: string, { path = '/', domain, sameSite, secure, days }: CookieAttributes): void {
  const encoded = encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
  let cookie = `${name}=${encoded}; path=${path}`;
  if (days !== undefined) cookie += `; expires=${new Date(Date.now() + days * 864e5).toUTCString()}`;
  if (domain) cookie += `; domain=${domain}`;
  if (sameSite) cookie += `; SameSite=${sameSite}`;
  if (secure) cookie += '; Secure';
  if (jar) apply(jar.set!, document, [cookie]);
  // biome-ignore lint/suspicious/noDocumentCookie: the one writer; the Cookie Store API is asynchronous and absent in older Safari and Firefox, and a choice must be stored before the page goes on
  else document.cookie = cookie;
}

/**
 * A cookie is deleted by writing it again, expired, with the domain and path it
 * was set with; those cannot be read back, so every likely pair is tried:
 * host-only and each parent domain (and the configured one), `/` and each
 * folder of the current path.
 */
export function deleteCookie(name: string, configuredDomain?: string): void {
  const labels = location.hostname.split('.');
  const domains: (string | undefined)[] = [undefined];
  for (let i = 0; i < labels.length - 1; i++) domains.push(`.${labels.slice(i).join('.')}`);
  if (configuredDomain) domains.push(configuredDomain);
  const paths = ['/'];
  const folders = location.pathname.split('/').filter(Boolean);
  for (let i = 1; i <= folders.length; i++) paths.push(`/${folders.slice(0, i).join('/')}`);
  for (const domain of domains) {
    for (const path of paths) writeCookie(name, '', { path, domain, days: -1 });
  }
}
