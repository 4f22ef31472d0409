// @ts-check
// Builds one small file per built-in language, dist/lang/<code>.js, so that a
// site pays only for the languages it uses. Each file adds its texts to
// window.consentConfig.texts, under any overrides the site already set there;
// load it after the config and before consent.js:
//   <script>window.consentConfig = { … };</script>
//   <script src="/lang/de.js"></script>
//   <script src="/consent.js"></script>
import { readdirSync } from 'node:fs';
import { build } from 'vite';

export const LANGUAGES = readdirSync(new URL('../src/texts/', import.meta.url))
  .map((file) => file.replace(/\.ts$/, ''))
  // A language's file is named by its code (the others there are keys, shown and notice); English ships inside the UI file.
  .filter((code) => /^[a-z]{2,3}(-[a-z0-9]+)?$/.test(code) && code !== 'en');

for (const code of LANGUAGES) {
  const entry = `holdback-language-${code}`;
  await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      outDir: 'dist/lang',
      emptyOutDir: false,
      minify: true,
      target: 'es2020',
      copyPublicDir: false,
      rolldownOptions: { input: entry, output: { format: 'iife', entryFileNames: `${code}.js` } },
    },
    plugins: [
      {
        name: 'holdback-language',
        resolveId: (id) => (id === entry ? entry : null),
        load: (id) =>
          id === entry
            ? `import { ${code} } from ${JSON.stringify(new URL(`../src/texts/${code}.ts`, import.meta.url).pathname)};
const config = (window.consentConfig = window.consentConfig || {});
const texts = (config.texts = config.texts || {});
texts[${JSON.stringify(code)}] = Object.assign({}, ${code}, texts[${JSON.stringify(code)}]);`
            : null,
      },
    ],
  });
}
console.log(`dist/lang: ${LANGUAGES.join(', ')}`);
