// A released script runs after the page was parsed, and there document.write
// would open a new document: the whole page gone. Some old vendor snippets
// still call it. For scripts holdback let go it does nothing instead, and the
// console says so once per script, with its address.

const apply = Reflect.apply;

/** Neutralises document.write and writeln for scripts that `isCopy` says holdback let go. */
export function guardWrites(document: Document, isCopy: (script: Element) => boolean, report: (message: string) => void): void {
  const warned = new WeakSet<Element>();
  const proto = Object.getPrototypeOf(document) as Record<string, unknown>;
  for (const name of ['write', 'writeln'] as const) {
    const wrapper = function (this: Document, ...chunks: unknown[]) {
      const script = document.currentScript;
      if (script && isCopy(script)) {
        if (!warned.has(script)) {
          warned.add(script);
          const where = script instanceof HTMLScriptElement && script.src ? script.src : 'an inline script';
          report(`document.${name}() from ${where} that holdback let go was ignored: after the page has loaded it would replace the whole page.`);
        }
        return;
      }
      // Whatever document.write is further up now (auto-blocking patches it there).
      return apply(proto[name] as (...args: unknown[]) => unknown, this, chunks);
    };
    Object.defineProperty(document, name, { value: wrapper, writable: true, configurable: true });
  }
}
