// Safari (ITP) keeps a cookie written by script for at most 7 days, so a
// visitor's choice would be asked for again each week. A cookie the site's
// own server sets over HTTP is not capped. This re-sends holdback's consent
// cookie, as the browser sent it, in a Set-Cookie header that lasts as long as
// the choice should: 12 months from the decision for a consent, 6 for a full
// refusal (holdback's defaults), never longer. Use it in the site's server on
// any response, or let the receiver do it when it runs on the site's origin.

export interface CookieRefreshOptions {
  /** The consent cookie's name (holdback's `cookie.name`), default "holdback". */
  name?: string;
  /** holdback's `cookie.domain`, if the site sets one. */
  domain?: string;
  /** Default 365, as holdback's `cookie.expiresAfterDays`. */
  expiresAfterDays?: number;
  /** Default 182, as holdback's `cookie.refusalExpiresAfterDays`. */
  refusalExpiresAfterDays?: number;
  /** Whether the site is served over HTTPS (then the cookie is Secure). Default true. */
  secure?: boolean;
}

export interface StoredChoice {
  id: string;
  /** The decision's time, in Unix milliseconds. */
  decidedAt: number;
  /** Whether it allows any category but necessary, or any service. */
  allowsAnything: boolean;
  /** The cookie's value exactly as the browser sent it. */
  raw: string;
}

const DAY = 86_400_000;
// The parts of holdback's cookie format (v=1) read here; the client checks the rest, checksum included.
const FORMAT = /^v=1&id=([0-9a-f-]{36})&at=(\d{1,13})&rev=\d{1,7}&c=([\w:+-]*)&s=([\w:+-]*)&h=\w+$/;

/** The consent cookie in a Cookie request header, if there is exactly one in holdback's format. */
export function readConsentCookie(cookieHeader: string | undefined, name = 'holdback'): StoredChoice | null {
  const values = (cookieHeader ?? '')
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${name}=`))
    .map((part) => part.slice(name.length + 1));
  // Two cookies of the name (one per domain) are the client's to repair; the server leaves them.
  if (values.length !== 1) return null;
  const raw = values[0]!;
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const match = FORMAT.exec(text);
  if (!match) return null;
  const [, id, at, categories, services] = match as unknown as [string, string, string, string, string];
  // Times of 11 digits or fewer are seconds (holdback's first versions), as the client reads them.
  const decidedAt = at.length <= 11 ? Number(at) * 1000 : Number(at);
  const allowed = `${categories}+${services}`.split('+').some((entry) => entry.endsWith(':1') && entry !== 'necessary:1');
  return { id, decidedAt, allowsAnything: allowed, raw };
}

/**
 * The Set-Cookie header value that re-sends the consent cookie for the rest of
 * its lifetime, or null when there is none to re-send (no cookie, not holdback's, or expired).
 */
export function consentCookieHeader(cookieHeader: string | undefined, options: CookieRefreshOptions = {}, now = Date.now()): string | null {
  const choice = readConsentCookie(cookieHeader, options.name);
  return choice ? setCookieFor(choice, options, now) : null;
}

/** The Set-Cookie header value for a consent cookie already read; null past its time. */
export function setCookieFor(choice: StoredChoice, options: CookieRefreshOptions = {}, now = Date.now()): string | null {
  const { name = 'holdback', domain, expiresAfterDays = 365, refusalExpiresAfterDays = 182, secure = true } = options;
  const days = choice.allowsAnything ? expiresAfterDays : refusalExpiresAfterDays;
  const left = Math.floor((choice.decidedAt + days * DAY - now) / 1000);
  // A decision from the future is not one holdback made; one past its time is for the client to ask again.
  if (choice.decidedAt > now + DAY || left <= 0) return null;
  let header = `${name}=${choice.raw}; Path=/; Max-Age=${left}; SameSite=Lax`;
  if (domain) header += `; Domain=${domain}`;
  if (secure) header += '; Secure';
  return header;
}
