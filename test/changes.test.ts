// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followChanges } from '../src/changes';
import * as decisions from '../src/consent/decision';
import { createStore } from '../src/store';
import { settingsFor } from './helpers';

// compare() as the pipeline imports it, counted.
vi.mock('../src/consent/decision', async (original) => {
  const actual = await original<typeof import('../src/consent/decision')>();
  return { ...actual, compare: vi.fn(actual.compare) };
});

afterEach(() => {
  Cookies.remove('holdback', { path: '/' });
  vi.restoreAllMocks();
});

describe('a change of the decision', () => {
  it('is compared once and goes through the steps in their order, each with the same change', () => {
    const store = createStore(settingsFor());
    const seen: string[] = [];
    const changes: unknown[] = [];
    const step = (name: string) => ({
      what: name,
      run(change: decisions.Change, previous: decisions.Decision | null) {
        seen.push(`${name}: ${change.granted.join(',') || '-'} / ${change.withdrawn.join(',') || '-'} after ${previous ? 'a decision' : 'none'}`);
        changes.push(change);
      },
    });
    const stop = followChanges(store, [step('gate'), step('records'), step('listeners')]);
    vi.mocked(decisions.compare).mockClear();

    store.decide({ statistics: true, marketing: true }, 'api');
    store.decide({ marketing: false }, 'api');
    stop();
    store.decide({ marketing: true }, 'api');

    expect(decisions.compare).toHaveBeenCalledTimes(2);
    expect(seen).toEqual([
      'gate: statistics,marketing / - after none',
      'records: statistics,marketing / - after none',
      'listeners: statistics,marketing / - after none',
      'gate: - / marketing after a decision',
      'records: - / marketing after a decision',
      'listeners: - / marketing after a decision',
    ]);
    expect(changes[0]).toBe(changes[2]);
  });

  it('lets the browser paint before a choice made in the UI takes effect, and keeps later changes behind it', async () => {
    const store = createStore(settingsFor());
    const seen: string[] = [];
    let painted = false;
    requestAnimationFrame(() => {
      painted = true;
    });
    const stop = followChanges(store, [
      { what: 'gate', run: ({ granted, withdrawn }) => seen.push(`${painted ? 'after' : 'before'} paint: +${granted} -${withdrawn}`) },
    ]);
    store.decide({ statistics: true }, 'banner');
    store.decide({ statistics: false }, 'api');
    expect(seen).toEqual([]);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual(['after paint: +statistics -', 'after paint: + -statistics']);
    store.decide({ marketing: true }, 'api');
    expect(seen).toHaveLength(3); // nothing waits now: the site's own call takes effect at once
    stop();
  });

  it('goes on past a step that throws, and says so once on the console', () => {
    const store = createStore(settingsFor());
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    const stop = followChanges(store, [
      {
        what: 'a broken step',
        run() {
          throw new Error('boom');
        },
      },
      { what: 'the next step', run: after },
    ]);
    store.decide({ statistics: true }, 'api');
    stop();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0]?.[0])).toContain('a broken step failed');
  });
});
