/**
 * Runs activations one after another, in the order they were queued. A step
 * may return a script to wait for: the next step starts only when it has
 * loaded or failed, as the parser waits for a classic external script. This is
 * what lets an inline `gtag('config')` find gtag.js already there.
 */
export type Step = () => HTMLScriptElement | null;

export function createScriptQueue(): (step: Step) => void {
  const steps: Step[] = [];
  let next = 0;
  let waiting = false;

  function drain(): void {
    while (!waiting && next < steps.length) {
      const step = steps[next]!;
      steps[next++] = undefined as unknown as Step; // let finished steps be collected
      const script = step();
      if (script) {
        waiting = true;
        const resume = () => {
          script.removeEventListener('load', resume);
          script.removeEventListener('error', resume);
          waiting = false;
          drain();
        };
        script.addEventListener('load', resume);
        script.addEventListener('error', resume);
      }
    }
    if (next === steps.length) {
      steps.length = 0;
      next = 0;
    }
  }

  return (step) => {
    steps.push(step);
    drain();
  };
}
