// Evidence as the recorder would give it, for the scanner's pure parts.
import type { CookieRecord, PageResult, Phase, PhaseEvidence, RequestRecord, StaticTag } from '../../scanner/types';

export const PAGE = 'https://shop.example/';

export function request(url: string, extra: Partial<RequestRecord> = {}): RequestRecord {
  return { url, method: 'GET', type: 'script', frame: PAGE, initiator: null, status: 200, setCookies: [], ...extra };
}

export function cookie(name: string, extra: Partial<CookieRecord> = {}): CookieRecord {
  return { name, domain: 'shop.example', path: '/', expires: -1, httpOnly: false, secure: false, sameSite: 'Lax', partitioned: false, ...extra };
}

export function phase(id: Phase, extra: Partial<PhaseEvidence> = {}): PhaseEvidence {
  return {
    phase: id,
    status: 'done',
    reason: null,
    failure: null,
    views: [PAGE],
    requests: [],
    cookies: [],
    newCookies: [],
    cookieWrites: [],
    storage: [],
    signals: null,
    ...extra,
  };
}

export function page(phases: PhaseEvidence[], extra: Partial<PageResult> = {}): PageResult {
  return {
    url: PAGE,
    document: PAGE,
    consentManager: { kind: 'holdback', name: 'holdback' },
    phases,
    links: [],
    tags: [],
    error: null,
    durationMs: 1000,
    ...extra,
  };
}

export function tag(extra: Partial<StaticTag>): StaticTag {
  return { tag: 'script', html: '<script>', line: 1, endLine: 1, url: null, type: null, category: null, ...extra };
}
