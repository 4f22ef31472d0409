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

// Every module a file names: `import … from`, a bare `import '…'`, and `export … from`.
function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return Array.from(text.matchAll(/^(?:import|export)\s(?:[^;'"]*?\sfrom\s*)?['"]([^'"]+)['"]/gm), (match) => match[1]!);
}

function layer(file: string): string {
  const path = relative(SRC, file);
  return path.includes('/') ? path.split('/')[0]! : path.replace(/\.tsx?$/, '');
}

const PREACT = /^preact/;

// Which layers each layer may import: imports run one way, from the entries down to the pure logic.
const RULES: [string, string[]][] = [
  ['markup', ['markup']],
  ['log', ['log']],
  ['trusted-types', ['trusted-types', 'log']],
  ['texts', ['texts', 'config', 'markup']],
  ['config', ['config', 'texts', 'markup']],
  ['consent', ['consent', 'config', 'markup']],
  ['catalogue', ['catalogue', 'config']],
  ['cookies', ['cookies']],
  ['decision-cookie', ['decision-cookie', 'config', 'cookies', 'log']],
  ['after-paint', ['after-paint']],
  ['store', ['store', 'after-paint', 'config', 'consent', 'decision-cookie', 'log']],
  ['changes', ['changes', 'after-paint', 'consent', 'log', 'store']],
  ['events', ['events', 'consent', 'log']],
  ['api', ['api', 'config', 'consent', 'events', 'log', 'store']],
  ['gate', ['gate', 'consent', 'markup', 'log', 'trusted-types']],
  ['integrations', ['integrations', 'config', 'consent', 'cookies', 'log', 'store']],
  ['autoblock', ['autoblock', 'catalogue', 'config', 'markup', 'log', 'trusted-types']],
  // The UI sees the store and the pure logic, never the gate, the integrations or init.
  ['ui', ['ui', 'config', 'consent', 'markup', 'shadow-host', 'store', 'texts', 'top-layer', 'ui-handover']],
  ['shadow-host', ['shadow-host', 'config']],
  ['top-layer', ['top-layer']],
  ['ui-handover', ['ui-handover']],
  // The loader names the UI's type only (the test cannot tell a type import, so it is listed).
  ['ui-loader', ['ui-loader', 'choices-link', 'log', 'trusted-types', 'ui', 'ui-handover']],
  ['choices-link', ['choices-link', 'markup', 'shadow-host', 'store', 'top-layer']],
  ['init', ['init', 'api', 'autoblock', 'changes', 'config', 'consent', 'events', 'gate', 'integrations', 'log', 'markup', 'store', 'ui-loader']],
  ['drop-in', ['drop-in', 'init', 'log', 'ui-loader']],
  ['drop-in-autoblock', ['drop-in-autoblock', 'autoblock', 'catalogue', 'init', 'log', 'ui-loader']],
  ['drop-in-ui', ['drop-in-ui', 'ui', 'ui-handover']],
  ['drop-in-link', ['drop-in-link', 'choices-link', 'ui-handover']],
  ['index', ['index', 'api', 'choices-link', 'config', 'consent', 'events', 'init', 'texts', 'ui']],
];
const RULED = RULES.map(([name]) => name);

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

  it.each(RULES)('lets %s/ import only %j', (from, allowed) => {
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

  it('gives every layer of src/ a rule above', () => {
    const ruled = new Set(RULED);
    expect([...new Set(all.map(layer))].filter((name) => !ruled.has(name))).toEqual([]);
  });

  it('keeps the pure logic (config, consent, texts, catalogue, markup) free of every package', () => {
    const offenders = all
      .filter((file) => ['config', 'consent', 'texts', 'catalogue', 'markup'].includes(layer(file)))
      .flatMap((file) =>
        imports(file)
          .filter((name) => !name.startsWith('.'))
          .map((name) => `${relative(SRC, file)} → ${name}`),
      );
    expect(offenders).toEqual([]);
  });

  it('keeps the Preact integration of the signals inside ui/, and the state library out of the pure logic', () => {
    const offenders = all.filter((file) => layer(file) !== 'ui' && imports(file).includes('@preact/signals'));
    expect(offenders.map((file) => relative(SRC, file))).toEqual([]);
  });

  it('has top-level effects only in the drop-in entry', async () => {
    const index = await import('../src/index');
    expect(Object.keys(index)).toEqual(['init']);
    expect((globalThis as { Consent?: unknown }).Consent).toBeUndefined();
  });
});
