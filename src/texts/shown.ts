import type { Category, Settings } from '../config/types';
import { en } from './en';
import type { TextKey, Texts } from './keys';

export interface ShownCategory extends Category {
  title: string;
  description: string;
}

/** The settings as the visitor reads them: every text in the UI's language, every category with its title. */
export interface ShownSettings extends Omit<Settings, 'texts' | 'categories'> {
  texts: Texts;
  categories: ShownCategory[];
}

// The categories that have words of their own among the texts. Only these: a
// category named "banner" is not titled with the banner's title.
const WORDED = ['necessary', 'preferences', 'statistics', 'marketing'];

/** The site's texts over the English ones, and a title and description for every category. */
export function shownSettings(settings: Settings): ShownSettings {
  const texts: Texts = { ...en, ...settings.texts };
  const worded = (name: string, suffix: 'Title' | 'Description') => (WORDED.includes(name) ? texts[`${name}${suffix}` as TextKey] : undefined);
  return {
    ...settings,
    texts,
    categories: settings.categories.map((category) => ({
      ...category,
      title: category.title ?? worded(category.name, 'Title') ?? category.name.charAt(0).toUpperCase() + category.name.slice(1),
      description: category.description ?? worded(category.name, 'Description') ?? '',
    })),
  };
}
