import type { Config, Settings } from '../config/types';
import type { Tracker } from './runtime';

/**
 * Gives each service that the config declares by a catalogue id the
 * catalogue's facts (title, provider, hosts, cookies, storage keys) wherever
 * the config gives none of its own: `services: { 'meta-pixel': {} }` is enough.
 */
export function withCatalogue(settings: Settings, config: Config, trackers: readonly Tracker[]): Settings {
  const byId = new Map(trackers.map((tracker) => [tracker.id, tracker]));
  const categories = settings.categories.map((category) => ({
    ...category,
    services: category.services.map((service) => {
      const known = byId.get(service.name);
      if (!known) return service;
      const given = config.categories?.[category.name]?.services?.[service.name] ?? {};
      return {
        ...service,
        title: given.title ?? known.name,
        cookies: given.cookies ? service.cookies : known.cookies.map((cookie) => ({ ...cookie, provider: known.provider })),
        storage: given.storage ? service.storage : known.storage,
        hosts: given.hosts ? service.hosts : known.hosts,
        provider: known.provider,
      };
    }),
  }));
  return { ...settings, categories };
}
