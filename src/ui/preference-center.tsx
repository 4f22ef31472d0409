import { signal } from '@preact/signals';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ShownSettings } from '../texts/shown';
import { type Choices, everything, gpcRefuses } from '../consent/decision';
import { SALE_CATEGORY } from '../markup';
import type { UiStore } from './shown';
import { PrivacyLink } from './privacy-link';
import { CategoryBlock } from './category';
import { GpcStatus } from './opt-out';
import { focusAfter, trapFocus } from './trap-focus';

/**
 * The second layer: a modal dialog with one switch per category, none of them
 * on unless the visitor turned it on. Escape or the close button leave without
 * deciding; focus goes back to whatever opened it.
 */
export function PreferenceCenter({ store }: { store: UiStore }) {
  const { settings } = store;
  const { texts } = settings;
  const decision = store.decision.value;
  // The switches before "Save choices": every category and service as it
  // stands when the center opens, so nothing is on that the visitor did not turn on.
  const draft = useMemo(() => signal(switchesOf(store)), []);
  const dialog = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    // What has focus as the center opens, unless that was the banner's own
    // button: removed with the banner meanwhile, it left focus on <body>.
    const opener = activeElement();
    const element = dialog.current!;
    element.showModal?.();
    const root = element.getRootNode() as ShadowRoot;
    return () => {
      if (element.open) element.close();
      // Back to what opened the preference center; when that was the banner's
      // own button (gone meanwhile), to the banner that replaces it, once it is there.
      // After a choice made from the banner's "Customize", neither is there: then on to the page's first control after holdback.
      queueMicrotask(() => {
        if (opener?.isConnected && opener !== document.body) opener.focus();
        else {
          const customize = root.querySelector<HTMLElement>('[data-customize]');
          if (customize) customize.focus();
          else focusAfter(root.host);
        }
      });
    };
  }, []);
  const leave = () => store.show(store.decision.value ? null : 'banner');
  const decide = (next: Choices) => store.decide(next, 'preferences');

  return (
    <dialog
      ref={dialog}
      class="center"
      aria-labelledby="holdback-center-title"
      aria-modal="true"
      onCancel={(event) => {
        event.preventDefault();
        leave();
      }}
      onKeyDown={(event) => trapFocus(event, event.currentTarget)}
    >
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          decide(choicesOf(settings, draft.value));
        }}
      >
        <header class="center-header">
          <h2 class="title" id="holdback-center-title">
            {texts.preferenceCenterTitle}
          </h2>
          <button type="button" class="close" aria-label={texts.close} onClick={leave}>
            <svg aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
              <path d="M3 3l10 10M13 3L3 13" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
            </svg>
          </button>
        </header>
        <p class="text">
          {texts.preferenceCenterText} <PrivacyLink store={store} />
        </p>
        <GpcStatus store={store} />
        <ul class="categories">
          {settings.categories.map((category) => (
            <li key={category.name}>
              <CategoryBlock
                category={settings.regime === 'opt-out' && category.name === SALE_CATEGORY ? { ...category, title: texts.saleOrSharing } : category}
                locked={gpcRefuses(settings, category.name)}
                texts={texts}
                draft={draft.value}
                onDraft={(next) => {
                  draft.value = next;
                }}
              />
            </li>
          ))}
        </ul>
        {decision && (
          <dl class="record">
            <dt>{texts.consentId}</dt>
            <dd>{decision.id}</dd>
            <dt>{texts.decidedAt}</dt>
            <dd>
              <time dateTime={decision.decidedAt}>{formatDate(decision.decidedAt, settings.language)}</time>
            </dd>
          </dl>
        )}
        <div class="actions">
          <button type="button" class="button" onClick={() => decide(everything(settings, true))}>
            {texts.acceptAll}
          </button>
          <button type="button" class="button" onClick={() => decide(everything(settings, false))}>
            {texts.rejectAll}
          </button>
          <button type="submit" class="button">
            {texts.save}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function switchesOf(store: UiStore): Record<string, boolean> {
  const decided = store.decision.peek() !== null;
  return Object.fromEntries(
    store.settings.categories.flatMap((c) => [c, ...c.services]).map((holder) => [holder.name, decided && store.allowed(holder.name)]),
  );
}

// The focused element, looking inside shadow roots (the opener may be in one).
function activeElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}

// The switches as a decision: each category, and each service on its own.
function choicesOf(settings: ShownSettings, draft: Record<string, boolean>): Choices {
  const choices: Choices = { services: {} };
  for (const category of settings.categories) {
    choices[category.name] = draft[category.name] === true;
    for (const service of category.services) choices.services![service.name] = draft[service.name] === true;
  }
  return choices;
}

function formatDate(iso: string, language: string): string {
  try {
    return new Date(iso).toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' });
  } catch {
    return iso;
  }
}
