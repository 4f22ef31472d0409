import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../scanner/classify';
import { judge } from '../../scanner/findings';
import { inventory } from '../../scanner/inventory';
import { cookie, PAGE, page, phase, request, tag } from './evidence';

const classify = createClassifier();
const ids = (findings: ReturnType<typeof judge>) => findings.map((f) => `${f.severity} ${f.rule} ${f.phase ?? '-'} ${f.subject}`);

describe('judge', () => {
  it('flags optional trackers before a choice, after rejecting and after withdrawal, but not after accepting', () => {
    const pixel = request('https://www.facebook.com/tr/?id=1&ev=PageView', { type: 'image' });
    const findings = judge(
      [
        page(
          ['before-choice', 'after-reject', 'after-reject-next', 'after-accept', 'after-withdraw'].map((id) =>
            phase(id as never, { requests: [pixel] }),
          ),
        ),
      ],
      classify,
      { declaration: false },
    );
    expect(ids(findings)).toEqual([
      'violation request-before-choice before-choice www.facebook.com/tr/',
      'violation request-after-reject after-reject www.facebook.com/tr/',
      'violation request-after-reject after-reject-next www.facebook.com/tr/',
      'violation request-after-withdraw after-withdraw www.facebook.com/tr/',
    ]);
    expect(findings[0]?.tracker).toMatchObject({ id: 'meta-pixel', category: 'marketing', source: 'catalogue' });
  });

  it('leaves first-party requests, infrastructure and unknown hosts alone', () => {
    const requests = [
      'https://shop.example/app.js',
      'https://fonts.googleapis.com/css2?family=Inter',
      'https://js.stripe.com/v3/',
      'https://cdn.unknown-vendor.example/x.js',
    ].map((u) => request(u));
    expect(judge([page([phase('before-choice', { requests })])], classify, { declaration: false })).toEqual([]);
  });

  it('names the inline script that sent a request, and the fix marks it up', () => {
    const html = "<script>fbq('init', '1');</script>";
    const sent = request('https://connect.facebook.net/en_US/fbevents.js', {
      initiator: { type: 'script', url: PAGE, line: 12, chain: [PAGE, 'page'] },
    });
    const [finding] = judge([page([phase('before-choice', { requests: [sent] })], { tags: [tag({ html, line: 10, endLine: 14 })] })], classify, {
      declaration: false,
    });
    expect(finding?.element).toBe(html);
    expect(finding?.fix).toContain(`<script type="text/plain" data-category="marketing">fbq('init', '1');`);
  });

  it('traces a request to the loader that added the script', () => {
    const sent = request('https://www.google-analytics.com/g/collect?v=2', {
      type: 'ping',
      initiator: {
        type: 'script',
        url: 'https://www.googletagmanager.com/gtag/js?id=G-1',
        line: 1,
        chain: ['https://www.googletagmanager.com/gtag/js?id=G-1', 'https://tags.example/loader.js', 'parser'],
      },
    });
    const [finding] = judge([page([phase('before-choice', { requests: [sent] })])], classify, { declaration: false });
    expect(finding?.message).toContain('beacon to www.google-analytics.com/g/collect');
    expect(finding?.fix).toContain('added by https://tags.example/loader.js');
  });

  it('softens Google tags under a denied Consent Mode default to a warning', () => {
    const signals = { consentMode: [{ command: 'default', state: { ad_storage: 'denied', analytics_storage: 'denied' } }], tcf: null, gpp: null };
    const sent = request('https://www.google-analytics.com/g/collect?v=2&gcs=G100', { type: 'ping' });
    const [finding] = judge([page([phase('before-choice', { requests: [sent], signals })])], classify, { declaration: false });
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain('cookieless pings');
  });

  it('judges cookies: all of them before a choice and after withdrawal, only new ones after rejecting', () => {
    const jar = [cookie('_ga'), cookie('holdback'), cookie('session_id'), cookie('_fbp', { httpOnly: true })];
    const findings = judge(
      [
        page([
          phase('before-choice', {
            cookies: [cookie('_ga')],
            cookieWrites: [{ name: '_ga', script: 'https://shop.example/a.js', line: 3, frame: PAGE, deletes: false }],
          }),
          phase('after-reject', { cookies: jar, newCookies: ['holdback', '_fbp'] }),
          phase('after-withdraw', { cookies: jar }),
        ]),
      ],
      classify,
      { declaration: false },
    );
    expect(ids(findings)).toEqual([
      'violation cookie-before-choice before-choice _ga',
      'violation cookie-after-reject after-reject _fbp',
      'violation cookie-after-withdraw after-withdraw _fbp',
      'violation cookie-after-withdraw after-withdraw _ga',
    ]);
    expect(findings[0]?.element).toBe('document.cookie set by https://shop.example/a.js (line 3)');
    expect(findings[2]?.fix).toContain('HttpOnly, so the server that set it must also expire it');
  });

  it('after withdrawal, a third-party cookie is a notice: only its owner can delete it', () => {
    const [finding] = judge(
      [page([phase('after-withdraw', { cookies: [cookie('fr', { domain: '.facebook.com', httpOnly: true, secure: true, sameSite: 'None' })] })])],
      classify,
      {
        declaration: false,
      },
    );
    expect(finding).toMatchObject({ rule: 'cookie-after-withdraw', severity: 'notice', subject: 'fr' });
    expect(finding?.message).toContain('only facebook.com can delete it');
  });

  it('reports tracker tags in the HTML, data-category scripts that still run, and a missing Reject', () => {
    const findings = judge(
      [
        page(
          [
            phase('before-choice'),
            phase('after-reject', { status: 'failed', reason: 'no "Reject all" (or equivalent) was found', failure: 'no-reject' }),
          ],
          {
            consentManager: { kind: 'buttons', name: 'buttons named Accept / Reject' },
            tags: [
              tag({ tag: 'img', url: 'https://ct.pinterest.com/v3/?tid=1', html: '<img src="https://ct.pinterest.com/v3/?tid=1">' }),
              tag({ url: 'https://snap.licdn.com/li.lms-analytics/insight.min.js', category: 'marketing' }),
              tag({ url: 'https://snap.licdn.com/li.lms-analytics/insight.min.js', type: 'text/plain', category: 'marketing' }),
            ],
          },
        ),
      ],
      classify,
      { declaration: false },
    );
    expect(ids(findings)).toEqual([
      'violation no-reject after-reject buttons named Accept / Reject',
      'warning static-tracker-tag - ct.pinterest.com/v3/',
      'warning category-without-type - https://snap.licdn.com/li.lms-analytics/insight.min.js',
    ]);
    expect(findings[1]?.fix).toContain('<img data-category="marketing" data-src="https://ct.pinterest.com/v3/?tid=1" …>');
  });

  it('with a config, lists what is undeclared and what is declared but never seen', () => {
    const declared = createClassifier({
      categories: { statistics: { services: { 'google-analytics': {} }, cookies: ['_ga', 'old_cookie'] }, marketing: {} },
    });
    const findings = judge(
      [
        page([
          phase('after-accept', {
            requests: [request('https://connect.facebook.net/en_US/fbevents.js')],
            cookies: [cookie('_ga'), cookie('_fbp'), cookie('holdback')],
          }),
        ]),
      ],
      declared,
      { declaration: true },
    );
    expect(ids(findings)).toEqual([
      'warning undeclared-cookie - _fbp',
      'warning undeclared-service - meta-pixel',
      'notice declared-not-seen - google-analytics',
      'notice declared-not-seen - cookie:old_cookie',
    ]);
  });

  it('checks the cookies a service declares too, but not those its catalogue id brings', () => {
    const declared = createClassifier({
      categories: { marketing: { services: { 'meta-pixel': { cookies: ['_fbp', 'old_pixel_cookie'] }, 'tiktok-pixel': {} } } },
    });
    const findings = judge(
      [
        page([
          phase('after-accept', {
            requests: [request('https://connect.facebook.net/en_US/fbevents.js'), request('https://analytics.tiktok.com/i18n/pixel/events.js')],
            cookies: [cookie('_fbp')],
          }),
        ]),
      ],
      declared,
      { declaration: true },
    );
    expect(ids(findings)).toEqual(['notice declared-not-seen - cookie:old_pixel_cookie']);
    expect(findings[0]?.message).toContain('under "marketing" → "meta-pixel"');
  });

  it('gives each finding an id that does not depend on the query or the run', () => {
    const a = judge([page([phase('before-choice', { requests: [request('https://www.facebook.com/tr/?id=1&ts=1')] })])], classify, {
      declaration: false,
    });
    const b = judge([page([phase('before-choice', { requests: [request('https://www.facebook.com/tr/?id=1&ts=2')] })])], classify, {
      declaration: false,
    });
    expect(a.map((f) => f.id)).toEqual(b.map((f) => f.id));
    expect(a[0]?.id).toBe('request-before-choice shop.example/ before-choice www.facebook.com/tr/');
  });

  it('keeps two sites apart, and one finding seen twice at its gravest level', () => {
    const sent = request('https://www.facebook.com/tr/?id=1');
    const other = page([phase('before-choice', { requests: [sent] })], { url: 'https://other.example/' });
    const denied = { consentMode: [{ command: 'default', state: { ad_storage: 'denied', ad_user_data: 'denied' } }], tcf: null, gpp: null };
    const ga = request('https://www.google-analytics.com/g/collect?v=2');
    const findings = judge(
      [
        page([phase('before-choice', { requests: [sent] })]),
        other,
        // The same Google Analytics hit: once with analytics denied (a warning), once without Consent Mode (a violation).
        page(
          [
            phase('before-choice', {
              requests: [ga],
              signals: { ...denied, consentMode: [{ command: 'default', state: { analytics_storage: 'denied' } }] },
            }),
          ],
          { url: 'https://third.example/' },
        ),
        page([phase('before-choice', { requests: [ga] })], { url: 'https://third.example/' }),
      ],
      classify,
      { declaration: false },
    );
    expect(findings.map((f) => `${f.severity} ${f.id}`)).toEqual([
      'violation request-before-choice shop.example/ before-choice www.facebook.com/tr/',
      'violation request-before-choice other.example/ before-choice www.facebook.com/tr/',
      'violation request-before-choice third.example/ before-choice www.google-analytics.com/g/collect',
    ]);
  });

  it('softens a Google tag only when Consent Mode denies the storage it needs', () => {
    const ga = request('https://www.google-analytics.com/g/collect?v=2');
    const onlyAds = { consentMode: [{ command: 'default', state: { ad_storage: 'denied', analytics_storage: 'granted' } }], tcf: null, gpp: null };
    const [finding] = judge([page([phase('before-choice', { requests: [ga], signals: onlyAds })])], classify, { declaration: false });
    expect(finding?.severity).toBe('violation');
    const updated = { consentMode: [...onlyAds.consentMode, { command: 'update', state: { analytics_storage: 'denied' } }], tcf: null, gpp: null };
    const [softened] = judge([page([phase('before-choice', { requests: [ga], signals: updated })])], classify, { declaration: false });
    expect(softened?.severity).toBe('warning');
  });

  it('reports a phase that could not run, and an element marked with a category but given a src', () => {
    const findings = judge(
      [
        page(
          [
            phase('before-choice'),
            phase('after-accept', { status: 'failed', reason: 'https://shop.example/next did not load within 30 s', failure: 'error' }),
          ],
          {
            tags: [
              tag({
                tag: 'iframe',
                url: 'https://www.youtube.com/embed/x',
                category: 'marketing',
                html: '<iframe data-category="marketing" src="https://www.youtube.com/embed/x">',
              }),
            ],
          },
        ),
      ],
      classify,
      { declaration: false },
    );
    expect(ids(findings)).toEqual(['warning category-with-src - https://www.youtube.com/embed/x', 'warning phase-failed after-accept error']);
    expect(findings[0]?.fix).toContain('data-src="https://www.youtube.com/embed/x"');
  });
});

describe('inventory', () => {
  it('names trackers and cookies, lists unknown hosts, and suggests a config with the strict allowlist', () => {
    const seen = inventory(
      [
        page([
          phase('before-choice', {
            requests: [request('https://cdn.unknown-vendor.example/x.js'), request('https://shop.example/a.js')],
            cookies: [cookie('holdback')],
          }),
          phase('after-accept', {
            requests: [
              request('https://connect.facebook.net/en_US/fbevents.js'),
              request('https://www.google-analytics.com/g/collect'),
              request('https://pixel.unknown-ads.example/p.gif'),
            ],
            cookies: [cookie('_fbp', { expires: Date.now() / 1000 + 90 * 86400 }), cookie('_pk_id.1.ab')],
          }),
        ]),
      ],
      classify,
    );
    expect(seen.trackers.map((t) => `${t.service.id} ${t.phases.join(',')}`)).toEqual(['google-analytics after-accept', 'meta-pixel after-accept']);
    expect(seen.unknownHosts.map((u) => u.host)).toEqual(['cdn.unknown-vendor.example', 'pixel.unknown-ads.example']);
    // Only hosts needed before consent go into the strict allowlist.
    expect(seen.allowlist).toEqual(['cdn.unknown-vendor.example']);
    expect(seen.cookies.find((c) => c.name === '_fbp')?.days).toBe(90);
    expect(seen.suggestedConfig).toEqual({
      categories: {
        statistics: {
          services: { 'google-analytics': {} },
          cookies: [expect.objectContaining({ name: '_pk_id.1.ab', duration: expect.any(String) })],
        },
        marketing: { services: { 'meta-pixel': {} } },
      },
      autoBlockIgnore: ['cdn.unknown-vendor.example'],
    });
  });
});
