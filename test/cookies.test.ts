// @vitest-environment happy-dom
import Cookies from 'js-cookie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cookiePairs, decodeValue, deleteCookie, writeCookie } from '../src/cookies';

// holdback wrote its cookie with js-cookie before it had a writer of its own:
// the two must agree on every value, so that a stored choice reads back the same.
const SAMPLES = [
  'v=1&id=0f3c&at=1796244006632&rev=2&c=statistics:1.marketing:0&s=meta-pixel:0',
  'plain',
  '',
  'spaces and ; semicolons, commas',
  '100% "quoted" \\ back',
  'ünïcødé ✓ 中文 🍪',
  '#$&+/:<=>?@[]^`{|}',
];

afterEach(() => {
  for (const [name] of cookiePairs()) Cookies.remove(name, { path: '/' });
});

function random(length: number, seed: number): string {
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    text += String.fromCodePoint(32 + (state % 0x2000));
  }
  return text;
}

describe('the cookie writer', () => {
  it('writes every value as js-cookie does, and reads back what js-cookie wrote', () => {
    const values = [...SAMPLES, ...Array.from({ length: 200 }, (_, i) => random(1 + (i % 40), i + 1))];
    const written = vi.spyOn(document, 'cookie', 'set');
    for (const value of values) {
      writeCookie('ours', value, {});
      Cookies.set('theirs', value, { path: '/' });
      const [ours, theirs] = written.mock.calls.slice(-2).map(([cookie]) => cookie);
      expect(ours?.replace(/^ours=/, '')).toBe(theirs?.replace(/^theirs=/, ''));
      expect(decodeValue(ours!.slice('ours='.length).split(';')[0]!)).toBe(value);
      expect(decodeValue(Cookies.withConverter({ read: (raw) => raw }).get('theirs')!)).toBe(value);
    }
  });

  it('writes the attributes it is given, and an expiry only with days', () => {
    const written = vi.spyOn(document, 'cookie', 'set');
    writeCookie('holdback', 'x', { domain: 'example.com', sameSite: 'Lax', secure: true, days: 2 });
    const [cookie] = written.mock.calls[0]!;
    expect(cookie).toMatch(
      /^holdback=x; path=\/; expires=[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} [\d:]{8} GMT; domain=example.com; SameSite=Lax; Secure$/,
    );
    const expires = Date.parse(cookie!.split('expires=')[1]!.split(';')[0]!);
    expect(Math.abs(expires - Date.now() - 2 * 864e5)).toBeLessThan(2000);
    writeCookie('session', 'y', {});
    expect(written.mock.calls[1]![0]).toBe('session=y; path=/');
  });

  it('leaves a malformed escape as it is instead of throwing', () => {
    expect(decodeValue('a%E0%A4b%41')).toBe('a%E0%A4bA');
    expect(decodeValue('"quoted%20value"')).toBe('quoted value');
  });

  it('deletes a cookie under every path and domain it may have been set with', () => {
    const written = vi.spyOn(document, 'cookie', 'set');
    deleteCookie('_ga', 'example.org');
    const cookies = written.mock.calls.map(([cookie]) => cookie);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/^_ga=; path=\/[^;]*; expires=Thu, 01 Jan 1970|^_ga=; path=\/[^;]*; expires=/);
    expect(cookies.some((cookie) => cookie.endsWith('domain=example.org'))).toBe(true);
    expect(cookies.every((cookie) => Date.parse(cookie.split('expires=')[1]!.split(';')[0]!) < Date.now())).toBe(true);
  });
});
