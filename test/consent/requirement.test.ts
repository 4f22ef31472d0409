import { describe, expect, it } from 'vitest';
import { isMet, parseRequirement } from '../../src/consent/requirement';

const allowedOnly =
  (...names: string[]) =>
  (name: string) =>
    names.includes(name);

describe('requirement', () => {
  it('needs every category listed', () => {
    const requirement = parseRequirement('statistics  marketing')!;
    expect(requirement).toEqual({ all: ['statistics', 'marketing'], none: [] });
    expect(isMet(requirement, allowedOnly('statistics'))).toBe(false);
    expect(isMet(requirement, allowedOnly('statistics', 'marketing'))).toBe(true);
  });

  it('is met by a negated category only while that category is refused', () => {
    const requirement = parseRequirement('!marketing')!;
    expect(isMet(requirement, allowedOnly())).toBe(true);
    expect(isMet(requirement, allowedOnly('marketing'))).toBe(false);
  });

  it('combines needed and negated categories', () => {
    const requirement = parseRequirement('statistics !marketing')!;
    expect(isMet(requirement, allowedOnly('statistics'))).toBe(true);
    expect(isMet(requirement, allowedOnly('statistics', 'marketing'))).toBe(false);
    expect(isMet(requirement, allowedOnly())).toBe(false);
  });

  it('names nothing when the attribute is empty', () => {
    expect(parseRequirement('')).toBeNull();
    expect(parseRequirement('  ! ')).toBeNull();
  });
});

describe('parseRequirement, on odd whitespace', () => {
  it('splits on every kind of ASCII whitespace, and keeps other characters in the name', () => {
    expect(parseRequirement(' \tstatistics\n\r\fmarketing  !ads ')).toEqual({ all: ['statistics', 'marketing'], none: ['ads'] });
    expect(parseRequirement(' \t\n ')).toBeNull();
    expect(parseRequirement('! !')).toBeNull();
    expect(parseRequirement('statistics\u00a0marketing')).toEqual({ all: ['statistics\u00a0marketing'], none: [] });
  });
});

describe('isMet on a hostile page', () => {
  it('is not fooled by Array.prototype.every and some replaced after holdback started', () => {
    const requirement = parseRequirement('statistics marketing')!;
    const fallback = parseRequirement('!marketing')!;
    const { every, some } = Array.prototype;
    try {
      Array.prototype.every = (() => true) as unknown as typeof every;
      Array.prototype.some = () => false;
      expect(isMet(requirement, (name) => name === 'statistics')).toBe(false);
      expect(isMet(fallback, () => true)).toBe(false);
    } finally {
      Array.prototype.every = every;
      Array.prototype.some = some;
    }
  });
});
