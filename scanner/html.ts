// Reads the tags of a page's HTML as the server sent it, before any script
// changed it: what the browser's preload scanner fetches no script can stop.
import type { StaticTag } from './types';

const TAG = /<(script|img|iframe|source|embed|video|audio)\b((?:"[^"]*"|'[^']*'|[^'">])*)>/gi;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
// Where the parser makes no elements of what looks like tags (with scripting on).
const OPAQUE = /<(script|noscript|template|textarea|style|title)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;

export function attributesOf(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = (match[1] ?? '').toLowerCase();
    if (name && !attributes.has(name)) attributes.set(name, decode(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return attributes;
}

function decode(value: string): string {
  return value.replace(/&(amp|quot|#39|apos|lt|gt);/g, (_, name: string) => ({ amp: '&', quot: '"', '#39': "'", apos: "'", lt: '<', gt: '>' })[name] ?? '');
}

const lineAt = (html: string, index: number) => {
  let line = 1;
  for (let i = html.indexOf('\n'); i !== -1 && i < index; i = html.indexOf('\n', i + 1)) line++;
  return line;
};

/** The script, img, iframe and media tags of an HTML document, with their lines, resolved against `base`. */
export function staticTags(html: string, base: string): StaticTag[] {
  // Blank out comments and the insides of raw-text elements (keeping their
  // length and line breaks), so that only real tags are read, but keep each
  // script's own opening tag.
  const blanked = html.replace(OPAQUE, (whole, name?: string) => {
    const blank = (text: string) => text.replace(/[^\n]/g, ' ');
    if (name?.toLowerCase() !== 'script') return blank(whole);
    const open = whole.indexOf('>') + 1;
    return whole.slice(0, open) + blank(whole.slice(open));
  });
  const tags: StaticTag[] = [];
  for (const match of blanked.matchAll(TAG)) {
    const tag = (match[1] ?? '').toLowerCase();
    const attributes = attributesOf(match[2] ?? '');
    const start = match.index ?? 0;
    let end = start + match[0].length;
    let html_ = html.slice(start, end);
    if (tag === 'script') {
      const close = html.toLowerCase().indexOf('</script', end);
      const body = html.slice(end, close < 0 ? html.length : close).trim();
      if (close >= 0) end = close;
      // A long inline script shows its start and its end, where snippets keep their ids and calls.
      const flat = body.replace(/\s+/g, ' ');
      if (body && !attributes.has('src')) html_ += flat.length > 260 ? `${flat.slice(0, 120)} … ${flat.slice(-120)}` : flat;
    }
    const raw = attributes.get('src') ?? attributes.get('href') ?? null;
    let url: string | null = null;
    if (raw?.trim()) {
      try {
        url = new URL(raw.trim(), base).href;
      } catch {
        url = null;
      }
    }
    tags.push({
      tag,
      html: html_.length > 400 ? `${html_.slice(0, 397)}…` : html_,
      line: lineAt(html, start),
      endLine: lineAt(html, end),
      url,
      type: attributes.get('type') ?? null,
      category: attributes.get('data-category') ?? null,
    });
  }
  return tags;
}

const EXECUTABLE = /^(|text\/javascript|application\/javascript|module|text\/ecmascript|application\/ecmascript)$/i;

/** Whether a script tag with this type attribute runs (type="text/plain" and unknown types do not). */
export const runs = (type: string | null) => type === null || EXECUTABLE.test(type.trim());
