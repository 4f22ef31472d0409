import { describe, expect, it } from 'vitest';
import { isUsZone, regimeFor } from '../../src/config/regime';

describe('regime', () => {
  it('gives opt-out to US regions and opt-in to everyone else', () => {
    expect(regimeFor('US-CA', undefined)).toBe('opt-out');
    expect(regimeFor('us-co', undefined)).toBe('opt-out');
    expect(regimeFor('DE', undefined)).toBe('opt-in');
    expect(regimeFor('GB', 'America/New_York')).toBe('opt-in');
    expect(regimeFor('BR', undefined)).toBe('opt-in');
  });

  it('guesses from the time zone when no region is given, erring on opt-in', () => {
    expect(regimeFor(undefined, 'America/Los_Angeles')).toBe('opt-out');
    expect(regimeFor(undefined, 'America/Indiana/Indianapolis')).toBe('opt-out');
    expect(regimeFor(undefined, 'Europe/Berlin')).toBe('opt-in');
    expect(regimeFor(undefined, 'America/Toronto')).toBe('opt-in');
    expect(regimeFor(undefined, 'Etc/UTC')).toBe('opt-in');
    expect(regimeFor(undefined, undefined)).toBe('opt-in');
  });

  it('lets the site’s table decide, the most specific code first', () => {
    const table = { US: 'opt-in', 'US-CA': 'opt-out', BR: 'opt-out' } as const;
    expect(regimeFor('US-TX', undefined, table)).toBe('opt-in');
    expect(regimeFor('US-CA', undefined, table)).toBe('opt-out');
    expect(regimeFor('BR', undefined, table)).toBe('opt-out');
    expect(regimeFor(undefined, 'America/Chicago', table)).toBe('opt-in');
  });
});

describe('isUsZone', () => {
  it.each([
    ['America/New_York', true],
    ['America/Menominee', true],
    ['America/Kentucky/Louisville', true],
    ['America/North_Dakota/New_Salem', true],
    ['Pacific/Honolulu', true],
    ['US/Pacific', true],
    ['America/Indiana', false],
    ['America/Indiana/', false],
    ['America/New_York/x', false],
    ['US/Pacific/x', false],
    ['US/', false],
    ['US', false],
    ['America/Toronto', false],
    ['Europe/Berlin', false],
    ['Pacific/Honolulu/x', false],
    ['', false],
  ])('%s is %s', (zone, us) => {
    expect(isUsZone(zone)).toBe(us);
  });
});
