/**
 * Lifts a fixed part of the UI (as a ref, or called with the element) into the top layer as a manual
 * popover: above any z-index on the page and out of reach of its transforms,
 * filters and overflow, without a dialog's focus move, inert page or light
 * dismiss. Where popovers are missing it stays fixed at the highest z-index.
 *
 * The element first shows as it is, fixed at the highest z-index, and is lifted
 * once the browser has drawn it: showPopover() computes style and layout on the
 * spot, and on the first frame that would be all of the banner's (and, while
 * the page is still loading, the page's), forced from inside our script
 * instead of done by the browser in its own rendering step.
 */
export function raise(element: HTMLElement | null): void {
  if (element && typeof element.showPopover === 'function') requestAnimationFrame(() => setTimeout(() => lift(element)));
}

function lift(element: HTMLElement): void {
  if (!element.isConnected || element.matches(':popover-open')) return;
  element.popover = 'manual';
  element.showPopover();
}
