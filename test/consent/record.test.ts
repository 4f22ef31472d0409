import { describe, expect, it } from 'vitest';
import { makeRecord } from '../../src/consent/record';

describe('record', () => {
  it('carries the decision and its context, and drops the query and fragment of the page address', () => {
    const record = makeRecord(
      { id: 'abc', categories: { necessary: true, marketing: false }, services: { youtube: true }, revision: 3, decidedAt: '2026-11-29T10:00:00.000Z', regime: 'opt-in' },
      { regime: 'opt-in', gpc: true, language: 'de', url: 'https://shop.test/checkout?email=a@b.c#step2', userAgent: 'UA' },
    );
    expect(record).toEqual({
      id: 'abc',
      time: '2026-11-29T10:00:00.000Z',
      categories: { necessary: true, marketing: false },
      services: { youtube: true },
      revision: 3,
      regime: 'opt-in',
      gpc: true,
      language: 'de',
      url: 'https://shop.test/checkout',
      userAgent: 'UA',
    });
  });
});
