import { describe, expect, it } from 'vitest';
import { applyChoices, compare, type Decision, everything, isAllowed } from '../../src/consent/decision';
import { settingsFor, withServices } from '../helpers';

const settings = settingsFor(withServices);

function decided(categories: Record<string, boolean>, services: Record<string, boolean> = {}): Decision {
  return { id: 'x', categories: { necessary: true, ...categories }, services, revision: 1, decidedAt: '2026-01-01T00:00:00.000Z', regime: 'opt-in' };
}

describe('decision', () => {
  it('allows only necessary before any decision', () => {
    expect(isAllowed(settings, null, 'necessary')).toBe(true);
    expect(isAllowed(settings, null, 'statistics')).toBe(false);
    expect(isAllowed(settings, null, 'meta-pixel')).toBe(false);
  });

  it('never allows a name the config does not define', () => {
    expect(isAllowed(settings, decided({ analytics: true }), 'analytics')).toBe(false);
  });

  it('lets a service follow its category unless it was decided on its own', () => {
    const decision = decided({ statistics: false, marketing: true }, { 'meta-pixel': false });
    expect(isAllowed(settings, decision, 'linkedin')).toBe(true);
    expect(isAllowed(settings, decision, 'meta-pixel')).toBe(false);
    expect(isAllowed(settings, decided({ marketing: false }, { linkedin: true }), 'linkedin')).toBe(true);
  });

  it('names what was granted and what was withdrawn', () => {
    const before = decided({ statistics: true, marketing: false });
    const after = decided({ statistics: false, marketing: true }, { linkedin: false });
    expect(compare(settings, before, after)).toMatchObject({
      granted: ['marketing', 'meta-pixel'],
      withdrawn: ['statistics'],
    });
    expect(compare(settings, null, before)).toMatchObject({ granted: ['statistics'], withdrawn: [] });
  });

  it('changes the named categories and keeps the rest', () => {
    const current = decided({ statistics: true, marketing: false });
    expect(applyChoices(settings, current, { marketing: true }).categories).toEqual({
      necessary: true,
      statistics: true,
      marketing: true,
    });
  });

  it('starts from nothing allowed when there is no decision', () => {
    expect(applyChoices(settings, null, { statistics: true }).categories).toEqual({
      necessary: true,
      statistics: true,
      marketing: false,
    });
  });

  it('keeps necessary on whatever is asked', () => {
    expect(applyChoices(settings, null, everything(settings, false)).categories.necessary).toBe(true);
  });

  it('resets the services of a category decided as a whole', () => {
    const current = decided({ marketing: true }, { 'meta-pixel': false });
    expect(applyChoices(settings, current, { marketing: true }).services).toEqual({});
    expect(applyChoices(settings, current, { statistics: true }).services).toEqual({ 'meta-pixel': false });
  });
});

describe('decision under opt-out and Global Privacy Control', () => {
  const optOut = settingsFor({ region: 'US-CA', categories: { statistics: {}, marketing: { services: { youtube: {} } } } });
  const withGpc = { ...optOut, gpc: { honoured: true, signal: true } };

  it('allows optional categories before any decision under opt-out', () => {
    expect(optOut.regime).toBe('opt-out');
    expect(isAllowed(optOut, null, 'statistics')).toBe(true);
    expect(isAllowed(optOut, null, 'youtube')).toBe(true);
  });

  it('keeps what the visitor did not name at the regime’s default when opting out of one category', () => {
    expect(applyChoices(optOut, null, { marketing: false }).categories).toEqual({ necessary: true, statistics: true, marketing: false });
  });

  it('keeps marketing and its services refused under an honoured GPC signal, whatever is chosen', () => {
    expect(isAllowed(withGpc, null, 'marketing')).toBe(false);
    expect(isAllowed(withGpc, null, 'youtube')).toBe(false);
    expect(isAllowed(withGpc, null, 'statistics')).toBe(true);
    expect(applyChoices(withGpc, null, { ...everything(withGpc, true), services: { youtube: true } })).toEqual({
      categories: { necessary: true, statistics: true, marketing: false },
      services: { youtube: false },
    });
  });

  it('ignores a GPC signal under opt-in unless the config honours it', () => {
    const optIn = settingsFor({ region: 'DE' });
    expect(optIn.gpc.honoured).toBe(false);
    expect(settingsFor({ region: 'DE', gpc: true }).gpc.honoured).toBe(true);
  });
});

describe('decision on a hostile page', () => {
  const settings = settingsFor(withServices);
  // Stored before the config had marketing, with no choice of its own for meta-pixel.
  const older: Decision = {
    id: 'x',
    categories: { necessary: true, statistics: true },
    services: {},
    revision: 0,
    decidedAt: '2026-01-01T00:00:00.000Z',
    regime: 'opt-in',
  };
  const polluted = ['marketing', 'meta-pixel', 'linkedin'];

  it('is not fooled by choices added to Object.prototype after holdback started', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      for (const name of polluted) prototype[name] = true;
      expect(polluted.map((name) => isAllowed(settings, older, name))).toEqual([false, false, false]);
      // Choices built from it start marketing refused, whatever the prototype says.
      const next = applyChoices(settings, older, {});
      expect(Object.hasOwn(next.categories, 'marketing') && next.categories.marketing).toBe(false);
      expect(applyChoices(settings, older, { statistics: false }).categories.marketing).toBe(false);
    } finally {
      for (const name of polluted) delete prototype[name];
    }
  });

  it('is not fooled by a replaced Object.prototype.hasOwnProperty or Reflect.apply', () => {
    const ownCheck = Object.prototype.hasOwnProperty;
    const { apply } = Reflect;
    const prototype = Object.prototype as Record<string, unknown>;
    try {
      prototype.marketing = true;
      Object.prototype.hasOwnProperty = () => true;
      Reflect.apply = (() => true) as typeof Reflect.apply;
      expect(isAllowed(settings, older, 'marketing')).toBe(false);
    } finally {
      Object.prototype.hasOwnProperty = ownCheck;
      Reflect.apply = apply;
      delete prototype.marketing;
    }
  });
});
