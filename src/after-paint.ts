// What waits for the frame that is being prepared, in the order it was asked for.
const waiting: (() => void)[] = [];

/**
 * Runs `run` once the frame that is being prepared has been painted: a task
 * queued from an animation frame callback runs once that frame is presented.
 * A hidden tab paints no frames, so a timer runs it after a moment all the
 * same. Everything asked for before that paint runs then, in order, so that
 * the decision cookie is written before the steps that announce it. Each `run`
 * catches its own errors (the cookie write and the change steps do), or the
 * ones after it would not run.
 */
export function afterNextPaint(run: () => void): void {
  waiting.push(run);
  if (waiting.length > 1) return;
  let done = false;
  const flush = () => {
    if (done) return;
    done = true;
    for (const next of waiting.splice(0)) next();
  };
  requestAnimationFrame(() => setTimeout(flush));
  setTimeout(flush, 100);
}
