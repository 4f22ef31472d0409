import { describe, expect, it } from 'vitest';
import { matches, toRemove } from '../../src/consent/patterns';
import { settingsFor } from '../helpers';

describe('name patterns', () => {
  it('match exact names, prefixes ending in * and regular expressions', () => {
    expect(matches('_ga', '_ga')).toBe(true);
    expect(matches('_ga', '_gat')).toBe(false);
    expect(matches('_ga_*', '_ga_XYZ123')).toBe(true);
    expect(matches('_ga_*', '_ga')).toBe(false);
    const global = /^_hj/g;
    expect([matches(global, '_hjSession'), matches(global, '_hjSession'), matches(global, '_fbp')]).toEqual([true, true, false]);
  });

  it('remove what was withdrawn and keep what something still allowed also declares', () => {
    const settings = settingsFor({
      categories: {
        statistics: { cookies: ['_ga', '_ga_*', 'shared'] },
        marketing: { cookies: ['_fbp', 'shared'], services: { linkedin: { cookies: ['li_fat_id'] } } },
      },
    });
    const present = ['_ga', '_ga_ABC', '_fbp', 'shared', 'li_fat_id', 'session'];
    const cookies = (holder: { cookies: { name: string | RegExp }[] }) => holder.cookies.map((c) => c.name);
    expect(toRemove(settings, present, ['marketing', 'linkedin'], (name) => name === 'statistics', cookies)).toEqual(['_fbp', 'li_fat_id']);
    expect(toRemove(settings, present, ['statistics'], () => false, cookies)).toEqual(['_ga', '_ga_ABC', 'shared']);
  });
});
