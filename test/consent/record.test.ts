import { describe, expect, it } from 'vitest';
import { applyChoices, type Choices, compare, type Decision, everything } from '../../src/consent/decision';
import { actionOf, makeRecord } from '../../src/consent/record';
import type { Settings } from '../../src/config/types';
import { settingsFor, withServices } from '../helpers';

const decision: Decision = {
  id: 'abc',
  categories: { necessary: true, marketing: false },
  services: { youtube: true },
  revision: 3,
  decidedAt: '2026-11-29T10:00:00.123Z',
  regime: 'opt-in',
};

describe('record', () => {
  it('carries the decision and its context in the documented key order, without the query and fragment of the page address', () => {
    const config = { language: 'de', texts: { de: {} }, categories: { statistics: {}, marketing: { services: { youtube: {} } } } };
    const settings = { ...settingsFor(config), gpc: { honoured: false, signal: true } };
    const before = { ...decision, categories: { necessary: true, marketing: true } };
    const record = makeRecord(settings, decision, compare(settings, before, decision).withdrawn, 'preferences', {
      url: 'https://shop.test/checkout?email=a@b.c#step2',
      userAgent: 'UA',
    });
    expect(JSON.stringify(record)).toBe(
      JSON.stringify({
        id: 'abc',
        time: '2026-11-29T10:00:00.123Z',
        action: 'withdraw',
        source: 'preferences',
        categories: { necessary: true, marketing: false },
        services: { youtube: true },
        regime: 'opt-in',
        gpc: true,
        language: 'de',
        revision: 3,
        noticeHash: null,
        url: 'https://shop.test/checkout',
        userAgent: 'UA',
      }),
    );
  });
});

describe('the action of a decision', () => {
  const settings = settingsFor(withServices);
  // A decision as the store makes it from choices, on top of the one before.
  const decide = (on: Settings, before: Decision | null, choices: Choices): Decision => ({
    id: 'x',
    ...applyChoices(on, before, choices),
    revision: 1,
    decidedAt: '2026-11-29T10:00:00.000Z',
    regime: on.regime,
  });
  // What a change to `after` from `before` is called, with what it took back as the change event counts it.
  const action = (on: Settings, before: Decision | null, after: Decision) => actionOf(on, after, compare(on, before, after).withdrawn);

  it('is accept-all or reject-all when every optional category ends up allowed or refused', () => {
    expect(action(settings, null, decide(settings, null, everything(settings, true)))).toBe('accept-all');
    expect(action(settings, null, decide(settings, null, everything(settings, false)))).toBe('reject-all');
    // The preference center saved with every switch on, or every switch off, says the same.
    expect(action(settings, null, decide(settings, null, { statistics: true, marketing: true }))).toBe('accept-all');
  });

  it('is custom for a partial choice that takes nothing back', () => {
    const first = decide(settings, null, { statistics: true });
    expect(action(settings, null, first)).toBe('custom');
    expect(action(settings, first, decide(settings, first, { services: { linkedin: true } }))).toBe('custom');
  });

  it('is withdraw when something allowed before is refused now, down to one service', () => {
    const all = decide(settings, null, everything(settings, true));
    expect(action(settings, all, decide(settings, all, { marketing: false }))).toBe('withdraw');
    expect(action(settings, all, decide(settings, all, { services: { 'meta-pixel': false } }))).toBe('withdraw');
  });

  it('is reject-all, not withdraw, when a withdrawal leaves nothing optional allowed', () => {
    const all = decide(settings, null, everything(settings, true));
    expect(action(settings, all, decide(settings, all, everything(settings, false)))).toBe('reject-all');
  });

  it('counts what a Global Privacy Control signal keeps refused as part of accept-all', () => {
    const withGpc = { ...settingsFor({ ...withServices, gpc: true }), gpc: { honoured: true, signal: true } };
    expect(action(withGpc, null, decide(withGpc, null, everything(withGpc, true)))).toBe('accept-all');
  });

  it('calls a first opt-out under opt-out a withdrawal: marketing was running until then', () => {
    const optOut = settingsFor({ region: 'US-CA' });
    expect(action(optOut, null, decide(optOut, null, { marketing: false }))).toBe('withdraw');
    expect(action(optOut, null, decide(optOut, null, {}))).toBe('accept-all');
  });
});
