// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGate, type Gate } from '../../src/gate/gate';

const known = new Set(['necessary', 'statistics', 'marketing', 'meta-pixel']);
let allowed = new Set<string>();
let gate: Gate | null = null;
let reports: string[] = [];

function start(html: string, whenReady?: (run: () => void) => void): Gate {
  document.body.innerHTML = html;
  reports = [];
  gate = createGate(document, {
    ...(whenReady ? { whenReady } : {}),
    isAllowed: (name) => allowed.has(name),
    isKnown: (name) => known.has(name),
    categoryOf: (service) => (service === 'meta-pixel' ? 'marketing' : undefined),
    nonce: 'page-nonce',
    report: (message) => reports.push(message),
  });
  return gate;
}

function allow(...names: string[]): void {
  allowed = new Set(names);
  gate!.update();
}

const copies = () => Array.from(document.querySelectorAll('script:not([type="text/plain"])'));

afterEach(() => {
  gate?.stop();
  gate = null;
  allowed = new Set();
});

describe('gate', () => {
  it('waits until the stored choice can be read before its first scan', () => {
    let ready: (() => void) | null = null;
    allowed = new Set(['marketing']);
    start('<img id="pixel" data-category="marketing" data-src="/p.gif">', (run) => {
      ready = run;
    });
    const pixel = document.getElementById('pixel')!;
    expect(pixel.hasAttribute('src')).toBe(false);
    ready!();
    expect(pixel.getAttribute('src')).toBe('/p.gif');
  });

  it('sets a pixel’s src only once its category is allowed', () => {
    start('<img id="pixel" data-category="marketing" data-src="https://www.facebook.com/tr?id=1" width="1" height="1" alt="">');
    const pixel = document.getElementById('pixel')!;
    expect(pixel.hasAttribute('src')).toBe(false);
    allow('statistics');
    expect(pixel.hasAttribute('src')).toBe(false);
    allow('marketing');
    expect(pixel.getAttribute('src')).toBe('https://www.facebook.com/tr?id=1');
  });

  it('needs every category an element lists', () => {
    start('<img id="pixel" data-category="statistics marketing" data-src="/p.gif">');
    allow('statistics');
    expect(document.getElementById('pixel')!.hasAttribute('src')).toBe(false);
    allow('statistics', 'marketing');
    expect(document.getElementById('pixel')!.getAttribute('src')).toBe('/p.gif');
  });

  it('lets a negated element go before any decision and stops it when its category is allowed', () => {
    start('<img id="fallback" data-category="!marketing" data-src="/static-map.png">');
    const fallback = document.getElementById('fallback')!;
    expect(fallback.getAttribute('src')).toBe('/static-map.png');
    allow('marketing');
    expect(fallback.hasAttribute('src')).toBe(false);
  });

  it('inserts a runnable copy of a held script beside it, keeping its attributes', () => {
    start(
      '<script id="tpl" type="text/plain" data-category="statistics" data-src="https://www.googletagmanager.com/gtag/js?id=G-1" crossorigin="anonymous" integrity="sha384-abc" referrerpolicy="no-referrer"></script>',
    );
    expect(copies()).toHaveLength(0);
    allow('statistics');
    const [copy] = copies() as HTMLScriptElement[];
    expect(copy!.previousElementSibling!.id).toBe('tpl');
    expect(copy!.getAttribute('src')).toBe('https://www.googletagmanager.com/gtag/js?id=G-1');
    expect(copy!.getAttribute('crossorigin')).toBe('anonymous');
    expect(copy!.getAttribute('integrity')).toBe('sha384-abc');
    expect(copy!.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(copy!.hasAttribute('type')).toBe(false);
    expect(copy!.async).toBe(false);
    expect(copy!.nonce).toBe('page-nonce');
  });

  it('gives a copy the type from data-type and keeps async', () => {
    start('<script type="text/plain" data-category="statistics" data-type="module" src="/m.js" async></script>');
    allow('statistics');
    const [copy] = copies() as HTMLScriptElement[];
    expect(copy!.type).toBe('module');
    expect(copy!.async).toBe(true);
  });

  it('copies an inline script’s text', () => {
    start('<script type="text/plain" data-category="marketing">fbq("init", "1");</script>');
    allow('marketing');
    expect((copies()[0] as HTMLScriptElement).text).toBe('fbq("init", "1");');
  });

  it('lets a script go once however often consent is granted', () => {
    start('<script type="text/plain" data-category="statistics">run()</script>');
    allow('statistics');
    allow('statistics', 'marketing');
    gate!.update();
    expect(copies()).toHaveLength(1);
  });

  it('starts the next script only when the external one before it has loaded', () => {
    start(`
      <script type="text/plain" data-category="statistics" src="/gtag.js"></script>
      <script type="text/plain" data-category="statistics">gtag('config')</script>`);
    allow('statistics');
    expect(copies()).toHaveLength(1);
    copies()[0]!.dispatchEvent(new Event('load'));
    expect(copies()).toHaveLength(2);
  });

  it('does not wait for an async script', () => {
    start(`
      <script type="text/plain" data-category="statistics" src="/a.js" async></script>
      <script type="text/plain" data-category="statistics">after()</script>`);
    allow('statistics');
    expect(copies()).toHaveLength(2);
  });

  it('withdraws what stops being allowed: a script’s copy leaves, a pixel loses its src', () => {
    start(`
      <script type="text/plain" data-category="marketing">fbq()</script>
      <img id="pixel" data-category="marketing" data-src="/p.gif">`);
    allow('marketing');
    expect(copies()).toHaveLength(1);
    allow();
    expect(copies()).toHaveLength(0);
    expect(document.getElementById('pixel')!.hasAttribute('src')).toBe(false);
  });

  it('holds back elements added to the page later', async () => {
    start('');
    allow('statistics');
    const pixel = document.createElement('img');
    pixel.setAttribute('data-category', 'marketing');
    pixel.setAttribute('data-src', '/later.gif');
    const wrapper = document.createElement('div');
    wrapper.innerHTML = '<img id="stats" data-category="statistics" data-src="/stats.gif">';
    document.body.append(pixel, wrapper);
    await vi.waitFor(() => expect(document.getElementById('stats')!.getAttribute('src')).toBe('/stats.gif'));
    expect(pixel.hasAttribute('src')).toBe(false);
  });

  it('reports a category the config does not define and keeps the element held back', () => {
    start('<img id="pixel" data-category="analytics" data-src="/p.gif">');
    allow('analytics', 'statistics', 'marketing');
    expect(document.getElementById('pixel')!.hasAttribute('src')).toBe(false);
    expect(reports).toEqual([
      expect.stringMatching(/^<img data-category="analytics" .*names "analytics", which the config does not define; it stays held back\.$/),
    ]);
  });

  it('names marked markup that already escaped', () => {
    start(`
      <script data-category="marketing" src="https://connect.facebook.net/en_US/fbevents.js"></script>
      <img data-category="marketing" src="https://www.facebook.com/tr?id=1">`);
    expect(reports).toEqual([
      '<script data-category="marketing" src="https://connect.facebook.net/en_US/fbevents.js"> ran before holdback could hold it back: give it type="text/plain".',
      '<img data-category="marketing" src="https://www.facebook.com/tr?id=1"> loaded before holdback could hold it back: put its address in data-src instead of src.',
    ]);
  });

  it('does not report its own copies as escaped', async () => {
    start('<script type="text/plain" data-category="statistics">x()</script>');
    allow('statistics');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(reports).toEqual([]);
  });

  it('keeps an element handed over by hold() in step while it is out of the document', () => {
    start('');
    const pixel = document.createElement('img');
    pixel.setAttribute('data-category', 'marketing');
    pixel.setAttribute('data-src', 'https://www.facebook.com/tr?id=1');
    gate!.hold(pixel);
    allow('statistics');
    expect(pixel.hasAttribute('src')).toBe(false);
    allow('marketing');
    expect(pixel.getAttribute('src')).toBe('https://www.facebook.com/tr?id=1');
    allow();
    expect(pixel.hasAttribute('src')).toBe(false);
  });

  it('lets a held stylesheet link go by its data-href, and stops it again', () => {
    start('<link id="style" rel="stylesheet" data-category="marketing" data-href="https://cdn.example/a.css">');
    const link = document.getElementById('style')!;
    expect(link.hasAttribute('href')).toBe(false);
    allow('marketing');
    expect(link.getAttribute('href')).toBe('https://cdn.example/a.css');
    allow();
    expect(link.hasAttribute('href')).toBe(false);
    expect(link.getAttribute('data-href')).toBe('https://cdn.example/a.css');
  });

  it('takes a held embed’s placeholder away when the page removes the embed, and brings it back with the embed', async () => {
    document.body.innerHTML = '<div id="app"><iframe id="video" data-category="marketing" data-src="https://video.example/e/1"></iframe></div>';
    const shown: HTMLIFrameElement[] = [];
    gate = createGate(document, {
      isAllowed: (name) => allowed.has(name),
      isKnown: (name) => known.has(name),
      categoryOf: () => undefined,
      nonce: '',
      report: () => {},
      placeholder(frame) {
        const stand = document.createElement('p');
        stand.className = 'stand-in';
        frame.before(stand);
        shown.push(frame);
        return () => stand.remove();
      },
    });
    const frame = document.getElementById('video')!;
    expect(document.querySelectorAll('.stand-in')).toHaveLength(1);
    // A single-page app navigates: the embed goes, its container stays.
    frame.remove();
    await vi.waitFor(() => expect(document.querySelectorAll('.stand-in')).toHaveLength(0));
    // …and comes back on the next view.
    document.getElementById('app')!.append(frame);
    await vi.waitFor(() => expect(document.querySelectorAll('.stand-in')).toHaveLength(1));
    expect(shown).toEqual([frame, frame]);
    expect(frame.hasAttribute('src')).toBe(false);
  });
});
