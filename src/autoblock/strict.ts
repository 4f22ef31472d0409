import type { Match, TrackerIndex } from './hosts';

/**
 * Strict mode's Content-Security-Policy: before consent the page may load
 * scripts, images, frames, workers and connections only from its own origin,
 * holdback's, the hosts marked necessary or ignored, and the hosts of what is
 * allowed now. The browser itself then refuses the rest, whatever made it.
 * Inline code and eval stay as the page had them: the policy is about hosts.
 */
export function strictPolicy(index: TrackerIndex, allowed: (match: Match) => boolean, origins: string[]): string {
  const sources = new Set<string>(["'self'", ...origins]);
  for (const { pattern, match } of index.patterns()) {
    if (!match.passes && !allowed(match)) continue;
    const cut = pattern.indexOf('/');
    const host = cut < 0 ? pattern : pattern.slice(0, cut);
    const path = cut < 0 ? '' : pattern.slice(cut);
    // A source expression covers one host; "*." covers its subdomains only.
    for (const name of [host, `*.${host}`]) {
      sources.add(name + path);
      if (path && !path.endsWith('/')) sources.add(`${name}${path}/`);
    }
  }
  const hosts = [...sources].join(' ');
  return [
    `script-src ${hosts} 'unsafe-inline' 'unsafe-eval' blob: data:`,
    `img-src ${hosts} data: blob:`,
    `frame-src ${hosts} blob: data:`,
    `connect-src ${hosts}`,
    `worker-src ${hosts} blob:`,
  ].join('; ');
}

/** Adds the policy to the document; from then on the browser enforces it (it can only be tightened). */
export function applyPolicy(document: Document, policy: string): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = policy;
  (document.head ?? document.documentElement).prepend(meta);
}
