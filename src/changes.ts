import { effect, untracked } from '@preact/signals-core';
import { afterNextPaint } from './after-paint';
import { type Change, compare, type Decision } from './consent/decision';
import { guard } from './log';
import { type Changed, madeInUi, type Store } from './store';

/** One thing to do when the decision changes, named for the message if it fails. */
export interface ChangeStep {
  what: string;
  run(change: Change, previous: Decision | null): void;
}

/**
 * The one listener to the decision: compares the decision with the one before
 * once, then runs the steps in the order given. A step that fails is one
 * console message and the ones after it still run.
 *
 * A choice made in holdback's UI lets the browser paint first, so that the
 * banner is gone on the click's next paint and the tags it lets go run after
 * it (what Interaction to Next Paint measures). A choice made by the site's
 * code (`Consent.*`) or in another tab takes effect at once.
 */
export function followChanges(store: Store, steps: ChangeStep[]): () => void {
  const runs = steps.map((step) => guard(step.what, step.run, undefined));
  const apply = ({ decision, previous }: Changed) => {
    const change = compare(store.settings, previous, decision);
    for (const run of runs) run(change, previous);
  };
  // Changes wait in order: one made while an earlier one waits for its paint waits behind it.
  const queue: Changed[] = [];
  let stopped = false;
  const flush = () => {
    for (const next of queue.splice(0)) if (!stopped) apply(next);
  };
  const stop = effect(() => {
    const next = store.changed.value;
    if (!next) return;
    untracked(() => {
      if (queue.length === 0 && !madeInUi(store.source)) return apply(next);
      queue.push(next);
      if (queue.length === 1) afterNextPaint(flush);
    });
  });
  return () => {
    stopped = true;
    stop();
  };
}
