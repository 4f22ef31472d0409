// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FILE_READY } from '../src/ui-handover';
import { uiBeside } from '../src/ui-loader';

afterEach(() => {
  document.head.replaceChildren();
});

const added = () => Array.from(document.head.querySelectorAll('script'));

describe('the UI loader', () => {
  it('adds consent-ui.js beside the drop-in, with its nonce, once, and hands over what the file dispatches', async () => {
    const load = uiBeside('https://cdn.example/holdback/1.0/consent.js?v=2', 'n0nce');
    const first = load();
    expect(load()).toBe(first);
    const [script] = added();
    expect(added()).toHaveLength(1);
    expect(script!.src).toBe('https://cdn.example/holdback/1.0/consent-ui.js');
    expect(script!.nonce).toBe('n0nce');
    const ui = { mountUi: vi.fn(), showPlaceholder: vi.fn() };
    script!.dispatchEvent(new CustomEvent(FILE_READY, { detail: ui }));
    await expect(first).resolves.toBe(ui);
    expect(load()).toBe(first);
  });

  it('says once which URL failed, and tries again on the next call', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const load = uiBeside('https://shop.test/consent.js', '');
    const first = load();
    added()[0]!.dispatchEvent(new Event('error'));
    await expect(first).rejects.toThrow();
    expect(added()).toHaveLength(0);
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toContain('https://shop.test/consent-ui.js');
    const second = load();
    expect(second).not.toBe(first);
    expect(added()).toHaveLength(1);
    // The test DOM "loads" the file without running it: not holdback's UI, so this one fails too.
    await expect(second).rejects.toThrow('not the one holdback built');
  });

  it('fails, and tries again, when adding the script throws (a page policy refusing the URL)', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const append = vi.spyOn(document.head, 'append').mockImplementationOnce(() => {
      throw new TypeError('This document requires TrustedScriptURL assignment.');
    });
    const load = uiBeside('https://shop.test/consent.js', '');
    await expect(load()).rejects.toThrow('TrustedScriptURL');
    append.mockRestore();
    const again = load();
    expect(added()).toHaveLength(1);
    added()[0]!.dispatchEvent(new CustomEvent(FILE_READY, { detail: 'ui' }));
    await expect(again).resolves.toBe('ui');
  });
});
