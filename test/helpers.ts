import { resolveSettings } from '../src/config/settings';
import type { Config, Settings } from '../src/config/types';
import { validateConfig } from '../src/config/validate';

/** Settings from a config that must be valid, as init() would make them. */
export function settingsFor(config: Config = {}, documentLanguage = 'en'): Settings {
  const problems = validateConfig(config);
  if (problems.length > 0) throw new Error(problems.join('\n'));
  return resolveSettings(config, { documentLanguage, browserLanguages: [] });
}

export const withServices: Config = {
  categories: {
    statistics: { cookies: ['_ga', '_ga_*'] },
    marketing: {
      cookies: ['_fbp'],
      services: { 'meta-pixel': { title: 'Meta Pixel', cookies: ['_fbc'] }, linkedin: {} },
    },
  },
};
