import type { Decision } from './decision';

/** What the cookie holds: the regime is not stored, it is the visitor's on each page view. */
export type StoredDecision = Omit<Decision, 'regime'>;

// The stored decision, as one cookie value that js-cookie leaves readable:
//   v=1&id=<uuid>&at=<unix milliseconds>&rev=<revision>&c=statistics:1+marketing:0&s=meta-pixel:0&h=<checksum>
// Earlier versions wrote Unix seconds in `at`: at most 11 digits, where a time
// in milliseconds after 1973 has 12 or 13, so the length tells them apart and
// a choice stored before keeps counting.
// The checksum catches a value that was cut short, edited by hand or by a
// browser extension: such a value counts as no decision. It is not a signature
// (there is no secret in a page); it only makes a tampered cookie fail closed.
const FORMAT =
  /^v=1&id=([0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})&at=(\d{1,13})&rev=(\d{1,7})&c=([\w:+-]*)&s=([\w:+-]*)&h=(\w+)$/;

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

export function encodeDecision(decision: StoredDecision): string {
  const payload = `v=1&id=${decision.id}&at=${Date.parse(decision.decidedAt)}&rev=${decision.revision}&c=${entries(decision.categories)}&s=${entries(decision.services)}`;
  return `${payload}&h=${checksum(payload)}`;
}

// The names every object has ("constructor", "__proto__"), as they are when
// holdback loads: none is a name the config allows, so holdback never wrote
// one; a page that adds a property to Object.prototype later changes nothing here.
const INHERITED: Record<string, true> = Object.create(null);
for (const key of Object.getOwnPropertyNames(Object.prototype)) INHERITED[key] = true;

// Each entry is `name:0` or `name:1`, its name 1-40 of the characters FORMAT
// let through less ":". Read without a regular expression: it runs once per
// name, and V8 compiles one run more than once to machine code the page keeps.
function parseEntries(text: string): Record<string, boolean> | null {
  const result: Record<string, boolean> = Object.create(null);
  for (const part of text ? text.split('+') : []) {
    const cut = part.length - 2;
    const bit = part[cut + 1];
    const name = part.slice(0, cut);
    if (cut < 1 || cut > 40 || part[cut] !== ':' || (bit !== '0' && bit !== '1') || name.includes(':') || name in result || INHERITED[name])
      return null;
    result[name] = bit === '1';
  }
  return result;
}

/** The decision in a cookie value, or the reason it cannot be trusted. */
export function decodeDecision(value: string): StoredDecision | { problem: string } {
  const match = FORMAT.exec(value);
  if (!match) return { problem: 'it is not in the format holdback writes' };
  const [, id, at, rev, c, s, hash] = match as unknown as string[];
  if (checksum(value.slice(0, value.lastIndexOf('&h='))) !== hash) return { problem: 'its checksum does not match (it was changed or cut short)' };
  const categories = parseEntries(c!);
  const services = parseEntries(s!);
  if (!categories || !services) return { problem: 'its choices repeat a name' };
  return { id: id!, categories, services, revision: Number(rev), decidedAt: new Date(Number(at) * (at!.length > 11 ? 1 : 1000)).toISOString() };
}
