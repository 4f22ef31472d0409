/**
 * A ref that lifts a fixed part of the UI into the top layer as a manual
 * popover: above any z-index on the page and out of reach of its transforms,
 * filters and overflow, without a dialog's focus move, inert page or light
 * dismiss. Where popovers are missing it stays fixed at the highest z-index.
 */
export function raise(element: HTMLElement | null): void {
  if (element?.isConnected && typeof element.showPopover === 'function' && !element.matches(':popover-open')) element.showPopover();
}
