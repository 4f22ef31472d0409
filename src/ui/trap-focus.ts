const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Keeps Tab inside the dialog. A modal <dialog> already makes the page inert,
 * but without this Tab from the last control leaves for the browser's own UI.
 */
export function trapFocus(event: KeyboardEvent, container: HTMLElement): void {
  if (event.key !== 'Tab') return;
  const focusable = Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE));
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = (container.getRootNode() as ShadowRoot).activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * Focuses the page's first control after `place` in document order (holdback's
 * own UI left out), so that focus that was in a part of the UI that went away
 * goes on where Tab would have taken it, not back to <body>.
 */
export function focusAfter(place: Element): void {
  for (const element of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (!(place.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) || element.closest('[data-holdback]')) continue;
    element.focus({ preventScroll: true });
    if (document.activeElement === element) return;
  }
}
