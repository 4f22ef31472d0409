import Cookies from 'js-cookie';

// The browser's cookie jar as holdback needs it beyond js-cookie's get/set:
// every value stored under a name (duplicates included), and deletion wherever
// a cookie may have been set.

/** All [name, raw value] pairs in document.cookie, in the browser's order. */
export function cookiePairs(): [string, string][] {
  return document.cookie
    .split(';')
    .map((part): [string, string] => {
      const cut = part.indexOf('=');
      return cut < 0 ? [part.trim(), ''] : [part.slice(0, cut).trim(), part.slice(cut + 1).trim()];
    })
    .filter(([name]) => name !== '');
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
    for (const path of paths) Cookies.remove(name, domain ? { path, domain } : { path });
  }
}
