import type { ConsentLog, Outcome, Submission } from './log.js';

interface Waiting {
  submission: Submission;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit: records that arrive while a batch is being written wait and
 * go together in a following one. One record alone is written at once; under
 * load a transaction carries many, and each caller hears only after the commit
 * that holds its record. Two batches are in flight, so that the next is linked
 * and sent while the one before is still committing: on PostgreSQL during its
 * fsync, on the embedded store while its thread writes.
 */
export class GroupWriter {
  private queue: Waiting[] = [];
  private writers = 0;
  private idle: (() => void)[] = [];
  private readonly parallel: number;

  constructor(
    private readonly log: ConsentLog,
    private readonly maxBatch = 500,
    parallel?: number,
  ) {
    this.parallel = parallel ?? 2;
  }

  submit(submission: Submission): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ submission, resolve, reject });
      if (this.writers < this.parallel) {
        this.writers++;
        void this.drain();
      }
    });
  }

  /** Resolves once everything submitted so far is written (or has failed). */
  flushed(): Promise<void> {
    return this.writers === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }

  private async drain(): Promise<void> {
    // Lets the records that came in the same turn of the event loop join the first batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      try {
        const outcomes = await this.log.append(batch.map((waiting) => waiting.submission));
        for (const [i, waiting] of batch.entries()) waiting.resolve(outcomes[i]!);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.writers--;
    if (this.writers === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}
