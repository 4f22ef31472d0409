// @ts-check
// Main-thread CPU time spent running script during one page view, read from a
// Chromium trace. Chromium's ScriptDuration counter is wall-clock time, so on a
// busy machine it also counts every moment the renderer waited for a core; the
// trace also records each event's thread time (tdur), which does not.

// Events that run script, whatever started it. Forced style and layout inside
// them is counted: script that forces them pays for them.
const SCRIPT_EVENTS = new Set([
  'EvaluateScript',
  'FunctionCall',
  'TimerFire',
  'EventDispatch',
  'FireAnimationFrame',
  'FireIdleCallback',
  'RunMicrotasks',
]);

// The timeline's own events only: V8's categories add an event per compile and
// call, which slowed the traced pages down several times more.
const CATEGORIES = ['devtools.timeline'];

/**
 * Starts a trace on the page's DevTools session; the returned function ends it
 * and gives the script CPU time, in ms, on the main thread of the renderer that
 * parsed `pathPart`.
 * @param {import('playwright-core').CDPSession} cdp
 * @returns {Promise<(pathPart: string) => Promise<{ cpuMs: number }>>}
 */
export async function traceScriptTime(cdp) {
  /** @type {any[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: CATEGORIES } });
  return async (pathPart) => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return scriptTime(events, pathPart);
  };
}

/** @param {any[]} events @param {string} pathPart */
function scriptTime(events, pathPart) {
  const threadNames = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name]));
  const parse = events.find(
    (e) =>
      e.name === 'ParseHTML' && threadNames.get(`${e.pid}:${e.tid}`) === 'CrRendererMain' && String(e.args?.beginData?.url ?? '').includes(pathPart),
  );
  if (!parse) throw new Error(`the trace has no page load of ${pathPart}`);
  const onMain = events
    .filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && SCRIPT_EVENTS.has(e.name) && typeof e.tdur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Script events nest (a FunctionCall inside an EventDispatch): count the outermost only.
  let cpu = 0;
  let end = -Infinity;
  for (const event of onMain) {
    if (event.ts < end) continue;
    cpu += event.tdur;
    end = event.ts + event.dur;
  }
  return { cpuMs: cpu / 1000 };
}
