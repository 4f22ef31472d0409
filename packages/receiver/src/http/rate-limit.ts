/**
 * A token bucket per address range: `perMinute` records, in bursts of up to
 * a quarter of that. Ranges idle for long enough are forgotten.
 */
export class RateLimit {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {
    this.burst = Math.max(1, Math.ceil(perMinute / 4));
  }

  /** Whether one more request from this range may pass. */
  take(range: string): boolean {
    if (this.perMinute <= 0) return true;
    const now = this.now();
    const bucket = this.buckets.get(range) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    if (this.buckets.size > 100_000) this.sweep(now);
    this.buckets.set(range, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private sweep(now: number): void {
    const full = (this.burst / this.perMinute) * 60_000;
    for (const [range, bucket] of this.buckets) if (now - bucket.at > full) this.buckets.delete(range);
  }
}
