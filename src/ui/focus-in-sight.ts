/**
 * WCAG 2.2 "Focus Not Obscured": the banner does not block the page, so a
 * visitor may tab on into the page behind it. A page element that takes focus
 * under the banner is scrolled up, out from under it.
 */
export function keepFocusInSight(root: ShadowRoot): () => void {
  const onFocus = (event: FocusEvent) => {
    const banner = root.querySelector('.banner');
    const target = event.target;
    // Focus inside holdback's own UI reaches the page retargeted to its host.
    if (!banner || !(target instanceof Element) || target.closest('[data-holdback]')) return;
    // After the browser's own scroll, which follows the focus events and only
    // brings the element inside the viewport, not out from under the banner.
    requestAnimationFrame(() => {
      const cover = banner.getBoundingClientRect();
      const box = target.getBoundingClientRect();
      const under = box.bottom > cover.top && box.top < cover.bottom && box.right > cover.left && box.left < cover.right;
      if (under) window.scrollBy(0, box.bottom - cover.top + 8);
    });
  };
  document.addEventListener('focusin', onFocus);
  return () => document.removeEventListener('focusin', onFocus);
}
