// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store';
import { mountUi } from '../../src/ui/mount';
import { settingsFor } from '../helpers';

let unmount = () => {};

function mount(store: Store): ShadowRoot {
  act(() => {
    unmount = mountUi(store, '');
  });
  return document.querySelector('[data-holdback]')!.shadowRoot!;
}

const buttons = (root: ParentNode) => Array.from(root.querySelectorAll('button'), (button) => button.textContent?.trim());
const click = (root: ParentNode, text: string) =>
  act(() => Array.from(root.querySelectorAll('button')).find((button) => button.textContent?.trim() === text)!.click());

afterEach(() => {
  unmount();
  Cookies.remove('holdback', { path: '/' });
});

describe('UI', () => {
  it('renders nothing while no view is asked for', () => {
    const store = createStore(settingsFor());
    expect(mount(store).querySelector('*')).toBeNull();
  });

  it('shows the banner with its three choices in order, and decides from it', () => {
    const store = createStore(settingsFor({ privacyPolicyUrl: '/privacy' }));
    act(() => store.show('banner'));
    const root = mount(store);
    expect(root.querySelector('section')!.getAttribute('aria-label')).toBe('Cookie consent');
    expect(buttons(root)).toEqual(['Accept all', 'Reject all', 'Customize']);
    expect(root.querySelector('a')!.getAttribute('href')).toBe('/privacy');
    click(root, 'Reject all');
    expect(store.decision.value!.categories).toEqual({ necessary: true, preferences: false, statistics: false, marketing: false });
    expect(root.querySelector('section')).toBeNull();
  });

  it('takes texts from the config', () => {
    const store = createStore(settingsFor({ texts: { en: { acceptAll: 'Allow everything' } } }));
    act(() => store.show('banner'));
    expect(buttons(mount(store))[0]).toBe('Allow everything');
  });

  it('opens the preference center from "Customize" with nothing pre-ticked and necessary locked', () => {
    const store = createStore(settingsFor());
    act(() => store.show('banner'));
    const root = mount(store);
    click(root, 'Customize');
    const dialog = root.querySelector('dialog')!;
    expect(dialog.getAttribute('aria-labelledby')).toBe('holdback-center-title');
    const switches = Array.from(dialog.querySelectorAll<HTMLInputElement>('input[role="switch"]'));
    expect(switches.map((s) => [s.id, s.checked, s.disabled])).toEqual([
      ['holdback-category-necessary', true, true],
      ['holdback-category-preferences', false, false],
      ['holdback-category-statistics', false, false],
      ['holdback-category-marketing', false, false],
    ]);
    expect(buttons(dialog).slice(-3)).toEqual(['Accept all', 'Reject all', 'Save choices']);
  });

  it('saves only the switches the visitor turned on', () => {
    const store = createStore(settingsFor());
    act(() => store.show('preferences'));
    const root = mount(store);
    act(() => root.querySelector<HTMLInputElement>('#holdback-category-statistics')!.click());
    click(root, 'Save choices');
    expect(store.decision.value!.categories).toEqual({ necessary: true, preferences: false, statistics: true, marketing: false });
  });

  it('shows the current choice, its consent ID and the cookies of each category', () => {
    const store = createStore(settingsFor({ categories: { statistics: { cookies: ['_ga', '_ga_*'] } } }));
    act(() => store.decide({ statistics: true }));
    act(() => store.show('preferences'));
    const root = mount(store);
    expect(root.querySelector<HTMLInputElement>('#holdback-category-statistics')!.checked).toBe(true);
    expect(root.textContent).toContain(store.decision.value!.id);
    expect(root.textContent).toContain('Cookies: _ga, _ga_*');
  });
});
