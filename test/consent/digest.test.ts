import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { sha256 } from '../../src/consent/digest';

describe('the notice digest', () => {
  it('hashes the UTF-8 bytes of a text with SHA-256, in lowercase hex', async () => {
    const text = JSON.stringify({ bannerText: 'Wir möchten Cookies nutzen – ✓' });
    expect(await sha256(text)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
  });

  it('hashes to null where the page has no crypto.subtle (an insecure context)', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes });
    try {
      expect(await sha256('{}')).toBeNull();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
