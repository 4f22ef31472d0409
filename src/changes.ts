import { type Change, compare, type Decision } from './consent/decision';
import { guard } from './log';
import type { Store } from './store';

/** One thing to do when the decision changes, named for the message if it fails. */
export interface ChangeStep {
  what: string;
  run(change: Change, previous: Decision | null): void;
}

/**
 * The one listener to the decision: compares the decision with the one before
 * once, then runs the steps in the order given. A step that fails is one
 * console message and the ones after it still run.
 */
export function followChanges(store: Store, steps: ChangeStep[]): () => void {
  const runs = steps.map((step) => guard(step.what, step.run, undefined));
  return store.decision.subscribe((next, previous) => {
    const change = compare(store.settings, previous, next);
    for (const run of runs) run(change, previous);
  });
}
