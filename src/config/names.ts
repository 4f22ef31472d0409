import type { Category, Service, Settings } from './types';

/** What a name in the config stands for: a category, or a service and the category it is in. */
export interface Named {
  category: Category;
  service: Service | undefined;
}

// One index per list of categories, built the first time a name is looked up.
// Settings that are copied with a change elsewhere (`{ ...settings, regime }`)
// share their categories and so their index; a new list gets a new one.
const indexes = new WeakMap<readonly Category[], Map<string, Named>>();

/** Looks up a category or service by name; the first in config order wins, categories before their services. */
export function named({ categories }: Pick<Settings, 'categories'>, name: string): Named | undefined {
  let index = indexes.get(categories);
  if (!index) {
    index = new Map();
    for (const category of categories) {
      if (!index.has(category.name)) index.set(category.name, { category, service: undefined });
      for (const service of category.services) if (!index.has(service.name)) index.set(service.name, { category, service });
    }
    indexes.set(categories, index);
  }
  return index.get(name);
}
