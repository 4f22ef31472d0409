// @ts-check
// The languages the demo offers: English, built into the drop-in, and every
// language file the build wrote to dist/lang/. Each is named in itself.
import { readdirSync } from 'node:fs';

/**
 * @param {string} folder dist/lang
 * @returns {import('./shop/layout.js').Language[]}
 */
export function shippedLanguages(folder) {
  let files = /** @type {string[]} */ ([]);
  try {
    files = readdirSync(folder);
  } catch {
    // No language files built: the demo offers English only.
  }
  const codes = files.flatMap((file) => /^([a-z]{2})\.js$/.exec(file)?.[1] ?? []).sort();
  return ['en', ...codes].map((code) => {
    const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return { code, name: name.charAt(0).toLocaleUpperCase(code) + name.slice(1) };
  });
}
