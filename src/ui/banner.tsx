import { signal } from '@preact/signals';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { everything } from '../consent/decision';
import type { UiStore } from './shown';
import { PrivacyLink } from './privacy-link';
import { raise } from '../top-layer';
import { focusAfter } from './trap-focus';

/**
 * The first layer: plain text and three buttons of equal weight. A region, not
 * a modal: it never blocks the page, and it takes focus only when the visitor
 * comes back to it from the preference center. When the visitor leaves it by
 * a choice, focus goes back where it came from into the banner, or on to the
 * page's first control after it, never to <body>.
 *
 * A modal dialog the page has open makes everything else inert, the banner
 * too: then the banner is shown in a modal dialog of its own, above the
 * page's, until the page's closes.
 */
export function Banner({ store }: { store: UiStore }) {
  const { settings } = store;
  const { texts } = settings;
  const region = useRef<HTMLElement>(null);
  const ours = useRef<HTMLDialogElement>(null);
  // A signal, read below: the banner repaints when it changes.
  const modal = useMemo(() => signal(pageModalOpen()), []);
  const overModal = modal.value;
  useLayoutEffect(() => {
    const root = region.current!.getRootNode() as ShadowRoot;
    let cameFrom: Element | null = null;
    const onFocusIn = (event: Event) => {
      const from = (event as FocusEvent).relatedTarget;
      // From the page: not from within the banner, nor from another part of holdback (seen as its host).
      if (from instanceof Element && from.getRootNode() !== root && !from.closest('[data-holdback]')) cameFrom = from;
    };
    // On the shadow root, which stays when the banner moves in or out of its dialog.
    root.addEventListener('focusin', onFocusIn);
    // Dialogs say when they open and close (toggle and close, which do not bubble).
    const check = () => {
      const open = pageModalOpen();
      modal.value = open;
      // A page modal opened above ours: ours goes back on top.
      if (open && ours.current?.open) {
        ours.current.close();
        ours.current.showModal();
      }
    };
    document.addEventListener('toggle', check, true);
    document.addEventListener('close', check, true);
    return () => {
      root.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('toggle', check, true);
      document.removeEventListener('close', check, true);
      // The preference center that follows takes care of focus itself.
      if (!region.current?.contains(root.activeElement) || store.view.value === 'preferences') return;
      const from = cameFrom;
      queueMicrotask(() => {
        // Without scrolling: the visitor may have scrolled on since.
        if (from instanceof HTMLElement && from.isConnected) from.focus({ preventScroll: true });
        if (document.activeElement === document.body || document.activeElement === null) focusAfter(root.host);
      });
    };
  }, []);

  const section = (
    <section
      class={`banner ${settings.layout}`}
      aria-label={texts.bannerLabel}
      ref={(element) => {
        region.current = element;
        if (!overModal) raise(element);
      }}
    >
      <div class="banner-body">
        <h2 class="title">{texts.bannerTitle}</h2>
        <p class="text">
          {texts.bannerText} <PrivacyLink store={store} />
        </p>
        {store.askedAgain && <p class="text notice">{texts.revisionNotice}</p>}
      </div>
      <div class="actions">
        <button type="button" class="button" onClick={() => store.decide(everything(settings, true), 'banner')}>
          {texts.acceptAll}
        </button>
        <button type="button" class="button" onClick={() => store.decide(everything(settings, false), 'banner')}>
          {texts.rejectAll}
        </button>
        <button type="button" class="button" data-customize onClick={() => store.show('preferences')}>
          {texts.customize}
        </button>
      </div>
    </section>
  );
  if (!overModal) return section;
  return (
    <dialog
      class="over-modal"
      ref={(dialog) => {
        ours.current = dialog;
        if (dialog && !dialog.open) dialog.showModal();
      }}
      // Escape does not make the banner go away unanswered.
      onCancel={(event) => event.preventDefault()}
    >
      {section}
    </dialog>
  );
}

/** Whether the page has a modal dialog open, which makes the rest of the page (holdback too) inert. */
function pageModalOpen(): boolean {
  try {
    return document.querySelector('dialog:modal') !== null;
  } catch {
    return false; // a browser without :modal has no inert page either
  }
}
