import type { Decision } from './decision';

// The stored decision, as one cookie value that js-cookie leaves readable:
//   v=1&id=<uuid>&at=<unix seconds>&rev=<revision>&c=statistics:1+marketing:0&s=meta-pixel:0&h=<checksum>
// The checksum catches a value that was cut short, edited by hand or by a
// browser extension: such a value counts as no decision. It is not a signature
// (there is no secret in a page); it only makes a tampered cookie fail closed.
const VERSION = '1';
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ENTRY = /^([A-Za-z0-9_-]{1,40}):([01])$/;
const KEYS = ['v', 'id', 'at', 'rev', 'c', 's'];

/** FNV-1a, 32 bits, in base 36: short, and enough to notice a changed byte. */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

function entries(values: Readonly<Record<string, boolean>>): string {
  return Object.entries(values)
    .map(([name, allowed]) => `${name}:${allowed ? 1 : 0}`)
    .join('+');
}

export function encodeDecision(decision: Decision): string {
  const at = Math.floor(Date.parse(decision.decidedAt) / 1000);
  const payload = `v=${VERSION}&id=${decision.id}&at=${at}&rev=${decision.revision}&c=${entries(decision.categories)}&s=${entries(decision.services)}`;
  return `${payload}&h=${checksum(payload)}`;
}

function parseEntries(text: string): Record<string, boolean> | null {
  const result: Record<string, boolean> = {};
  if (text === '') return result;
  for (const part of text.split('+')) {
    const match = ENTRY.exec(part);
    if (!match || match[1]! in result) return null;
    result[match[1]!] = match[2] === '1';
  }
  return result;
}

/** The decision in a cookie value, or the reason it cannot be trusted. */
export function decodeDecision(value: string): Decision | { problem: string } {
  const cut = value.lastIndexOf('&h=');
  if (cut < 0) return { problem: 'it has no checksum' };
  const payload = value.slice(0, cut);
  if (checksum(payload) !== value.slice(cut + 3)) return { problem: 'its checksum does not match (it was changed or cut short)' };
  const fields = payload.split('&').map((field) => field.split('='));
  if (fields.length !== KEYS.length || fields.some((field, i) => field.length !== 2 || field[0] !== KEYS[i])) {
    return { problem: 'its fields are not the expected ones' };
  }
  const [v, id, at, rev, c, s] = fields.map((field) => field[1]!) as [string, string, string, string, string, string];
  if (v !== VERSION) return { problem: `its format version ${v} is unknown` };
  if (!ID.test(id)) return { problem: 'its consent ID is malformed' };
  if (!/^\d{1,11}$/.test(at)) return { problem: 'its decision time is malformed' };
  if (!/^\d{1,7}$/.test(rev)) return { problem: 'its revision is malformed' };
  const categories = parseEntries(c);
  const services = parseEntries(s);
  if (!categories || !services) return { problem: 'its choices are malformed' };
  return {
    id,
    categories,
    services,
    revision: Number(rev),
    decidedAt: new Date(Number(at) * 1000).toISOString(),
  };
}
