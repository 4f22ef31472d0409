import type { ConsentLog, Outcome, Submission } from './log.js';

interface Waiting {
  submission: Submission;
  resolve(outcome: Outcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit: records that arrive while a batch is being written wait and
 * go together in the next transaction. One record alone is written at once;
 * under load a transaction carries many, and each caller hears only after the
 * commit that holds its record.
 */
export class GroupWriter {
  private queue: Waiting[] = [];
  private writing: Promise<void> | null = null;

  constructor(
    private readonly log: ConsentLog,
    private readonly maxBatch = 500,
  ) {}

  submit(submission: Submission): Promise<Outcome> {
    return new Promise((resolve, reject) => {
      this.queue.push({ submission, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  /** Resolves once everything submitted so far is written (or has failed). */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
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
    this.writing = null;
  }
}
