import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { build } from 'vite';

// The package as a bundler meets it: `import 'holdback/consent.js'` and the
// language files act when they run, so a bundler must keep them although
// nothing is imported from them by name ("sideEffects" in package.json).
const root = new URL('..', import.meta.url).pathname;

async function bundle(source: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'holdback-bundle-'));
  try {
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(root, join(dir, 'node_modules', 'holdback'), 'dir');
    writeFileSync(join(dir, 'main.js'), source);
    const output = await build({
      root: dir,
      configFile: false,
      logLevel: 'silent',
      build: { write: false, minify: false, rollupOptions: { input: join(dir, 'main.js') } },
    });
    const results = Array.isArray(output) ? output : [output];
    return results
      .flatMap((result) => ('output' in result ? result.output : []))
      .map((chunk) => ('code' in chunk ? chunk.code : ''))
      .join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a bundler keeps the drop-in and a language file imported for their effects', async () => {
  test.setTimeout(60_000);
  const code = await bundle("import 'holdback/consent.js';\nimport 'holdback/lang/de.js';\n");
  // The drop-in's own words and a German text: both files are in the bundle.
  expect(code).toContain('could not start; nothing optional will run');
  expect(code).toContain('Alle akzeptieren');
});

test('a bundler drops the ES module when an app imports it but uses nothing of it', async () => {
  test.setTimeout(60_000);
  const code = await bundle("import { init } from 'holdback';\nconsole.log('app');\n");
  expect(code).toContain('console.log("app")');
  // Nothing runs on import, so nothing of holdback needs to stay.
  expect(code).not.toContain('Consent.on() takes');
});
