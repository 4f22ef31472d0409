// @vitest-environment happy-dom
import { showChoicesLink } from '../src/choices-link';
import { describe, expect, it, vi } from 'vitest';
import * as decisions from '../src/consent/decision';
import { init } from '../src/init';
import { ui } from '../src/ui';

vi.mock('../src/consent/decision', async (original) => {
  const actual = await original<typeof import('../src/consent/decision')>();
  return { ...actual, compare: vi.fn(actual.compare) };
});

describe('holdback with every integration on', () => {
  it('compares a decision with the one before once per change, and Google hears of it before the listeners', () => {
    vi.spyOn(navigator, 'sendBeacon').mockReturnValue(true);
    const api = init(
      { recordEndpoint: 'https://log.example/v1/records', googleConsentMode: true, categories: { statistics: {}, marketing: {} } },
      null,
      { loadUi: async () => ui, loadLink: async () => showChoicesLink },
    );
    const layer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const updatesSeen: number[] = [];
    api.on('change', () => updatesSeen.push(layer.length));
    vi.mocked(decisions.compare).mockClear();

    api.acceptAll();
    api.set({ marketing: false });

    expect(decisions.compare).toHaveBeenCalledTimes(2);
    // Each change adds a consent update and its dataLayer event before the change listeners run.
    const defaults = layer.length - 4;
    expect(updatesSeen).toEqual([defaults + 2, defaults + 4]);
  });
});
