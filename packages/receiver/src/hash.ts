import { createHash } from 'node:crypto';

/** The hash before the first entry of a chain. */
export const GENESIS = '0'.repeat(64);

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** An entry's place in the chain: the hash before it and the hash of its own body, hashed together. */
export function link(previous: string, entryHash: string): string {
  return sha256(previous + entryHash);
}
