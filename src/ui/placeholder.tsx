import { render } from 'preact';
import { named } from '../config/names';
import { parseRequirement } from '../consent/requirement';
import { CATEGORY_ATTR, SERVICE_ATTR } from '../markup';
import type { ShownSettings } from '../texts/shown';
import type { Store } from '../store';
import { withTexts } from './shown';
import { createHost, fill } from './styles';

/**
 * Stands in for a held embed, at the embed's own size: says what is blocked and
 * why, loads it once or allows it from now on, and leads to the preference
 * center. Returns what removes it when the embed is let go.
 */
export function showPlaceholder(frame: HTMLIFrameElement, core: Store, nonce: string, loadOnce: () => void): () => void {
  const store = withTexts(core);
  const { settings } = store;
  const { title, category, allow } = labelsOf(frame, settings);
  const { host, root } = createHost(nonce, settings);
  frame.before(host);
  const display = frame.style.getPropertyValue('display');
  const priority = frame.style.getPropertyPriority('display');
  frame.style.setProperty('display', 'none', 'important');
  const { texts } = settings;
  const size = (attribute: 'width' | 'height', fallback: string) => {
    const value = frame.getAttribute(attribute);
    return value ? (/^\d+$/.test(value) ? `${value}px` : value) : fallback;
  };
  render(
    <section
      class="placeholder"
      aria-label={fill(texts.placeholderTitle, { service: title })}
      ref={(element) => {
        element?.style.setProperty('width', size('width', '100%'));
        element?.style.setProperty('height', size('height', '315px'));
      }}
    >
      <p class="title">{fill(texts.placeholderTitle, { service: title })}</p>
      <p class="text">{fill(texts.placeholderText, { service: title, category })}</p>
      <div class="actions">
        <button type="button" class="button" onClick={() => store.decide(allow, 'banner')}>
          {fill(texts.loadService, { service: title })}
        </button>
        <button type="button" class="button" onClick={loadOnce}>
          {texts.loadOnce}
        </button>
      </div>
      <button type="button" class="link" onClick={() => store.show('preferences')}>
        {texts.privacySettings}
      </button>
    </section>,
    root,
  );
  return () => {
    render(null, root);
    host.remove();
    frame.style.setProperty('display', display, priority);
  };
}

// The names an embed's markup gives, in the visitor's words: the service if it
// has one, else its first category.
function labelsOf(frame: HTMLIFrameElement, settings: ShownSettings) {
  const needed = parseRequirement(frame.getAttribute(CATEGORY_ATTR) ?? '')?.all ?? [];
  const categories = settings.categories.filter((c) => needed.includes(c.name));
  const service = named(settings, frame.getAttribute(SERVICE_ATTR)?.trim() ?? '')?.service;
  const category = categories.map((c) => c.title).join(', ');
  const allow = service ? { services: { [service.name]: true } } : Object.fromEntries(categories.map((c) => [c.name, true]));
  return { title: service?.title ?? category, category, allow };
}
