// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { init } from '../src/index';

// The store is where a bug would surface first; here it throws.
vi.mock('../src/store', () => ({
  createStore: () => {
    throw new TypeError('a bug in holdback');
  },
}));

afterEach(() => vi.restoreAllMocks());

describe('init() from the ES module', () => {
  it('fails closed when holdback itself throws: one console error, nothing reaches the app, nothing is allowed', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    let api: ReturnType<typeof init> | undefined;
    expect(() => {
      api = init({ categories: { statistics: {}, marketing: {} } });
    }).not.toThrow();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toMatch(/could not start; nothing optional will run/);
    expect(window.Consent).toBe(api);
    expect(api!.allowed('marketing')).toBe(false);
    expect(api!.get()).toBeNull();
    const ready = vi.fn();
    api!.on('ready', ready);
    expect(ready).toHaveBeenCalledWith(null);
  });
});
