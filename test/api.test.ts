// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, createClosedApi } from '../src/api';
import { createEvents } from '../src/events';
import { createStore } from '../src/store';
import { settingsFor, withServices } from './helpers';

afterEach(() => Cookies.remove('holdback', { path: '/' }));

function api() {
  return createApi(createStore(settingsFor(withServices)), createEvents());
}

describe('window.Consent', () => {
  it('has exactly the calls of the public contract, and cannot be changed', () => {
    const consent = api();
    expect(Object.keys(consent).sort()).toEqual(
      ['acceptAll', 'allowed', 'get', 'hide', 'on', 'rejectAll', 'reset', 'set', 'showBanner', 'showPreferences'].sort(),
    );
    expect(Object.isFrozen(consent)).toBe(true);
    expect(Object.keys(createClosedApi(createEvents(), 'x')).sort()).toEqual(Object.keys(consent).sort());
  });

  it('changes nothing and says why when set() is given a name the config does not define', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const consent = api();
    consent.set({ statistics: true, marketting: true });
    expect(consent.get()).toBeNull();
    expect(error).toHaveBeenCalledWith('holdback: Consent.set() changed nothing: "marketting" is not a category the config defines.');
    consent.set({ services: { 'meta-pixel': 'yes' as unknown as boolean } });
    expect(error).toHaveBeenLastCalledWith('holdback: Consent.set() changed nothing: the value for the service "meta-pixel" must be true or false.');
    consent.set('statistics' as never);
    expect(consent.get()).toBeNull();
  });

  it('sets services one by one', () => {
    const consent = api();
    consent.set({ marketing: true });
    consent.set({ services: { 'meta-pixel': false } });
    expect(consent.allowed('marketing')).toBe(true);
    expect(consent.allowed('linkedin')).toBe(true);
    expect(consent.allowed('meta-pixel')).toBe(false);
  });

  it('keeps a throwing listener from breaking the others or the caller', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const consent = api();
    const events = createEvents();
    const heard: string[] = [];
    events.on('change', () => {
      throw new Error('site bug');
    });
    events.on('change', () => heard.push('second'));
    expect(() => events.change({ granted: [], withdrawn: [], decision: null })).not.toThrow();
    expect(heard).toEqual(['second']);
    expect(error).toHaveBeenCalledWith('holdback: a Consent.on() listener threw', expect.any(Error));
    expect(consent.on('nonsense' as never, () => {})).toBeTypeOf('function');
  });

  it('refuses everything when the config was unusable', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const closed = createClosedApi(createEvents(), 'the config has problems');
    closed.acceptAll();
    expect(closed.get()).toBeNull();
    expect(closed.allowed('necessary')).toBe(false);
    expect(error).toHaveBeenCalledWith('holdback: nothing can be allowed: the config has problems.');
  });
});
