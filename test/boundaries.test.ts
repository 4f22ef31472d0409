import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The layers of src/ and which others each may import. Only ui/ touches
// Preact; the gate never sees the store or the UI; the pure consent logic
// touches no DOM framework at all.
const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return Array.from(text.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm), (match) => match[1]!);
}

function layer(file: string): string {
  const path = relative(SRC, file);
  return path.includes('/') ? path.split('/')[0]! : path.replace(/\.tsx?$/, '');
}

const PREACT = /^preact/;

describe('module boundaries', () => {
  const all = files(SRC);

  it('keeps the scanner (Node only) out of everything the browser runs', () => {
    const outside = all.flatMap((file) =>
      imports(file)
        .filter((name) => name.startsWith('.') && relative(SRC, join(file, '..', name)).startsWith('..'))
        .map((name) => `${relative(SRC, file)} → ${name}`),
    );
    expect(outside).toEqual([]);
    const scanner = files(join(SRC, '..', 'scanner'));
    const intoUi = scanner.flatMap((file) => imports(file).filter((name) => PREACT.test(name) || /\/ui\//.test(name) || /drop-in/.test(name)));
    expect(intoUi).toEqual([]);
  });

  it('keeps Preact inside ui/', () => {
    const offenders = all.filter((file) => layer(file) !== 'ui' && imports(file).some((name) => PREACT.test(name)));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });

  it.each([
    ['consent', ['consent', 'config', 'markup']],
    ['config', ['config', 'consent', 'texts', 'markup', 'catalogue']],
    ['gate', ['gate', 'consent', 'markup', 'log']],
    ['api', ['api', 'config', 'consent', 'events', 'log', 'store']],
    ['store', ['store', 'config', 'consent', 'cookies', 'log', 'markup', 'signal']],
    ['integrations', ['integrations', 'config', 'consent', 'cookies', 'log', 'store']],
    ['signal', ['signal']],
    ['autoblock', ['autoblock', 'catalogue', 'config', 'markup', 'log']],
    ['catalogue', ['catalogue', 'config']],
  ])('lets %s/ import only %j', (from, allowed) => {
    const offenders = all
      .filter((file) => layer(file) === from)
      .flatMap((file) =>
        imports(file)
          .filter((name) => name.startsWith('.'))
          .map((name) => layer(join(file, '..', name)))
          .filter((to) => !allowed.includes(to))
          .map((to) => `${relative(SRC, file)} → ${to}`),
      );
    expect(offenders).toEqual([]);
  });

  it('has top-level effects only in the drop-in entry', async () => {
    const index = await import('../src/index');
    expect(Object.keys(index)).toEqual(['init']);
    expect((globalThis as { Consent?: unknown }).Consent).toBeUndefined();
  });
});
