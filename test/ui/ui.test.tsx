// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { options, type VNode } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store';
import { App } from '../../src/ui/app';
import { Banner } from '../../src/ui/banner';
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
  act(() =>
    Array.from(root.querySelectorAll('button'))
      .find((button) => button.textContent?.trim() === text)!
      .click(),
  );

afterEach(() => {
  unmount();
  Cookies.remove('holdback', { path: '/' });
});

describe('UI', () => {
  it('repaints once for a decision, and only what reads what changed', () => {
    const store = createStore(settingsFor({ floatingButton: true }));
    act(() => store.show('banner'));
    const root = mount(store);
    const painted: unknown[] = [];
    const before = options.diffed;
    options.diffed = (vnode: VNode) => {
      if (vnode.type === App || vnode.type === Banner) painted.push(vnode.type);
      before?.(vnode);
    };
    try {
      click(root, 'Accept all'); // the decision and the view change together
      expect(painted).toEqual([App]);
      painted.length = 0;
      act(() => store.decide({ marketing: false }, 'api')); // no view reads the decision now
      expect(painted).toEqual([]);
    } finally {
      options.diffed = before;
    }
  });

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

  it('shows the current choice, its consent ID and a table of the cookies of each category', () => {
    const store = createStore(
      settingsFor({
        categories: {
          statistics: {
            cookies: [{ name: '_ga', purpose: 'Tells visitors apart', duration: '2 years', provider: 'Google' }, '_ga_*'],
            services: { hotjar: { title: 'Hotjar', cookies: [/^_hjSession_\d+$/] } },
          },
        },
      }),
    );
    act(() => store.decide({ statistics: true }, 'api'));
    act(() => store.show('preferences'));
    const root = mount(store);
    expect(root.querySelector<HTMLInputElement>('#holdback-category-statistics')!.checked).toBe(true);
    expect(root.textContent).toContain(store.decision.value!.id);
    const rows = Array.from(root.querySelectorAll('.cookies tbody tr'), (row) => Array.from(row.children, (cell) => cell.textContent));
    expect(rows).toEqual([
      ['_ga', 'Tells visitors apart', '2 years', 'Google'],
      ['_ga_*', '', '', ''],
      ['^_hjSession_\\d+$', '', '', 'Hotjar'],
    ]);
    expect(Array.from(root.querySelectorAll('.cookies th'), (th) => th.textContent)).toEqual(['Name', 'Purpose', 'Duration', 'Provider']);
  });

  it('has a switch per service, shows a category as mixed when its services differ, and saves services one by one', () => {
    const store = createStore(
      settingsFor({ categories: { marketing: { services: { 'meta-pixel': { title: 'Meta Pixel' }, youtube: { title: 'YouTube' } } } } }),
    );
    act(() => store.show('preferences'));
    const root = mount(store);
    const category = () => root.querySelector<HTMLInputElement>('#holdback-category-marketing')!;
    act(() => root.querySelector<HTMLInputElement>('#holdback-service-youtube')!.click());
    expect(category().indeterminate).toBe(true);
    expect(category().getAttribute('role')).toBeNull();
    expect(category().getAttribute('aria-checked')).toBe('mixed');
    click(root, 'Save choices');
    expect(store.allowed('youtube')).toBe(true);
    expect(store.allowed('meta-pixel')).toBe(false);
    expect(store.allowed('marketing')).toBe(false);
    act(() => store.show('preferences'));
    act(() => category().click());
    expect(root.querySelector<HTMLInputElement>('#holdback-service-meta-pixel')!.checked).toBe(true);
    expect(category().indeterminate).toBe(false);
    expect(category().getAttribute('role')).toBe('switch');
  });

  it('says why it asks again when the revision was raised', () => {
    createStore(settingsFor({ revision: 1 })).decide({ statistics: true }, 'api');
    const store = createStore(settingsFor({ revision: 2 }));
    act(() => store.show('banner'));
    expect(mount(store).textContent).toContain('We have changed how we use cookies since you last chose');
  });
});
