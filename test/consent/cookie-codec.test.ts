import { describe, expect, it } from 'vitest';
import { checksum, decodeDecision, encodeDecision } from '../../src/consent/cookie-codec';
import type { StoredDecision } from '../../src/consent/cookie-codec';

const decision: StoredDecision = {
  id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
  categories: { necessary: true, statistics: true, marketing: false },
  services: { 'meta-pixel': false },
  revision: 3,
  decidedAt: '2026-11-29T10:00:00.123Z',
};

function resign(payload: string): string {
  return `${payload}&h=${checksum(payload)}`;
}

describe('cookie codec', () => {
  it('round-trips a decision', () => {
    expect(decodeDecision(encodeDecision(decision))).toEqual(decision);
  });

  it('keeps the decision time to the millisecond', () => {
    expect(encodeDecision(decision)).toContain(`&at=${Date.parse('2026-11-29T10:00:00.123Z')}&`);
    expect(decodeDecision(encodeDecision(decision))).toHaveProperty('decidedAt', '2026-11-29T10:00:00.123Z');
  });

  it('still reads a cookie written with the time in seconds, as holdback once wrote it', () => {
    const old = resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1795953600&rev=1&c=necessary:1+statistics:1&s=');
    expect(decodeDecision(old)).toEqual({
      id: '3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b',
      categories: { necessary: true, statistics: true },
      services: {},
      revision: 1,
      decidedAt: '2026-11-29T12:00:00.000Z',
    });
  });

  it('writes only characters js-cookie leaves readable', () => {
    expect(encodeDecision(decision)).toMatch(/^[A-Za-z0-9_=&:+.-]+$/);
  });

  it('round-trips a decision without services', () => {
    const plain = { ...decision, services: {} };
    expect(decodeDecision(encodeDecision(plain))).toEqual(plain);
  });

  it('refuses a value whose choices were edited', () => {
    const edited = encodeDecision(decision).replace('marketing:0', 'marketing:1');
    expect(decodeDecision(edited)).toEqual({ problem: expect.stringContaining('checksum') });
  });

  it('refuses a value that was cut short', () => {
    const value = encodeDecision(decision);
    expect(decodeDecision(value.slice(0, value.length - 3))).toHaveProperty('problem');
    expect(decodeDecision(value.slice(0, 20))).toHaveProperty('problem');
  });

  it.each([
    ['an empty value', ''],
    ['garbage', 'not a cookie'],
    ['JSON', '{"statistics":true}'],
    ['an unknown version', resign('v=2&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=&s=')],
    ['a malformed ID', resign('v=1&id=xyz&at=1&rev=1&c=&s=')],
    ['a malformed time', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=-5&rev=1&c=&s=')],
    ['a time of too many digits', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=17959536000000&rev=1&c=&s=')],
    ['a malformed choice', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=statistics:yes&s=')],
    ['a choice of 2', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=statistics:2&s=')],
    ['a choice without a name', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=:1&s=')],
    ['a choice with two colons', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=a:b:1&s=')],
    ['a choice without its value', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=statistics:&s=')],
    ['a name of 41 characters', resign(`v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=${'a'.repeat(41)}:1&s=`)],
    ['an empty entry', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=a:1++b:0&s=')],
    ['a choice named like a property of every object', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=constructor:1&s=')],
    ['a repeated choice', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=a:0+a:1&s=')],
    ['an extra field', resign('v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=&s=&x=1')],
    ['fields out of order', resign('id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&v=1&at=1&rev=1&c=&s=')],
  ])('counts %s as no decision', (_, value) => {
    expect(decodeDecision(value)).toHaveProperty('problem');
  });

  it('reads a name of 40 characters and a one-letter name', () => {
    const value = resign(`v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=${'a'.repeat(40)}:1+b:0&s=x-y_z:1`);
    expect(decodeDecision(value)).toMatchObject({ categories: { ['a'.repeat(40)]: true, b: false }, services: { 'x-y_z': true } });
  });

  it('refuses entries named like what every object has, and still reads a name a page later adds to Object.prototype', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      expect(decodeDecision(resign(`v=1&id=3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b&at=1&rev=1&c=${name}:1&s=`))).toHaveProperty('problem');
    }
    const proto = Object.prototype as Record<string, unknown>;
    proto.marketing = true;
    try {
      expect(decodeDecision(encodeDecision(decision))).toEqual(decision);
    } finally {
      delete proto.marketing;
    }
  });
});
