// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/types';
import { validateConfig } from '../../src/config/validate';
import { createStore } from '../../src/store';
import { textKeys } from '../../src/texts/keys';
import { mountUi } from '../../src/ui/mount';
import { showPlaceholder } from '../../src/ui/placeholder';
import { settingsFor } from '../helpers';

// Every text a site configures, and every name and purpose it declares, is
// rendered as text: markup in it stays characters on the screen.
const PAYLOAD = `<img src=x onerror="window.xss=1"><script>window.xss=1</script><a href="javascript:window.xss=1">x</a>`;

const config: Config = {
  privacyPolicyUrl: '/privacy',
  texts: { en: Object.fromEntries(textKeys().map((key) => [key, `${PAYLOAD} {service} {category}`])) },
  categories: {
    statistics: { title: PAYLOAD, description: PAYLOAD, cookies: [{ name: '_ga', purpose: PAYLOAD, duration: PAYLOAD, provider: PAYLOAD }] },
    marketing: {
      title: PAYLOAD,
      description: PAYLOAD,
      services: { youtube: { title: PAYLOAD, description: PAYLOAD, cookies: ['VISITOR_INFO1_LIVE'] } },
    },
  },
};

/** Elements and attributes that markup in a text would have made. */
function injected(root: ParentNode): string[] {
  const found: string[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (['img', 'script', 'iframe', 'object', 'embed'].includes(element.localName)) found.push(element.localName);
    for (const { name, value } of Array.from(element.attributes)) {
      if (name.startsWith('on') || /^\s*javascript:/i.test(value)) found.push(`${element.localName}[${name}]`);
    }
  }
  return found;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const undo of cleanup.splice(0)) undo();
  document.body.replaceChildren();
});

describe('texts and names are rendered as text', () => {
  it('in the banner, the preference center and a placeholder, for every text key', () => {
    const store = createStore(settingsFor(config));
    act(() => store.show('banner'));
    act(() => {
      cleanup.push(mountUi(store, ''));
    });
    const root = document.querySelector('[data-holdback]')!.shadowRoot!;
    expect(root.textContent).toContain(PAYLOAD);
    expect(injected(root)).toEqual([]);
    act(() => store.show('preferences'));
    expect(root.querySelector('dialog')).not.toBeNull();
    expect(root.textContent).toContain(PAYLOAD);
    expect(injected(root)).toEqual([]);

    const frame = document.createElement('iframe');
    frame.setAttribute('data-category', 'marketing');
    frame.setAttribute('data-service', 'youtube');
    document.body.append(frame);
    act(() => {
      cleanup.push(showPlaceholder(frame, store, '', () => {}));
    });
    const placeholder = frame.previousElementSibling!.shadowRoot!;
    expect(placeholder.textContent).toContain(PAYLOAD);
    expect(injected(placeholder)).toEqual([]);
    expect((window as unknown as { xss?: number }).xss).toBeUndefined();
  });
});

describe('the privacy-policy link', () => {
  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://shop.test/1',
  ])('refuses %j, and the config with it', (url) => {
    expect(validateConfig({ privacyPolicyUrl: url })).toEqual([
      expect.stringContaining('privacyPolicyUrl must be an http:, https: or mailto: address, or a relative one'),
    ]);
  });

  it.each([
    'https://shop.test/privacy',
    'http://shop.test/privacy',
    'mailto:privacy@shop.test',
    '/privacy',
    'privacy.html',
    '../privacy',
    '//cdn.shop.test/privacy',
    '#privacy',
    '?page=privacy',
    '/a:b',
  ])('takes %j', (url) => {
    expect(validateConfig({ privacyPolicyUrl: url })).toEqual([]);
  });
});
