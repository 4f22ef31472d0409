import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/pglite.js';
import { backup, copy, restore } from '../src/dump.js';
import { type ConsentLog, type Submission, recordBody } from '../src/log.js';
import { parseRecord } from '../src/record.js';
import type { Site } from '../src/site.js';
import { openLog } from '../src/store.js';
import { verify } from '../src/verify.js';
import { GroupWriter } from '../src/writer.js';
import { ENGINES, freshPostgres, record } from './engines.js';

const SITE: Site = { revision: 1, categories: [], services: new Set(), consentDays: 365, refusalDays: 182 };

function submission(overrides: Record<string, unknown> = {}): Submission {
  const parsed = parseRecord(JSON.stringify(record(overrides)));
  if (!parsed.ok) throw new Error(parsed.reason);
  return { record: parsed.value, ipPrefix: null };
}

const refusal = { necessary: true, statistics: false, marketing: false };

describe("an entry's text", () => {
  it('is exactly the JSON of its body, whatever the record holds', () => {
    for (const [ipPrefix, overrides] of [
      [null, {}],
      ['203.0.113.0/24', { userAgent: 'Ünïcode "quoted" \\ back\nslash \u2028 😀', url: 'https://shop.test/?q=<script>' }],
    ] as const) {
      const { record } = submission(overrides);
      const receivedAt = '2026-12-02T08:00:00.123Z';
      expect(recordBody(41, receivedAt, ipPrefix, JSON.stringify(record))).toBe(
        JSON.stringify({ seq: 41, kind: 'record', receivedAt, ipPrefix, record }),
      );
    }
  });
});

describe.each(ENGINES)('the chain on $name', (engine) => {
  let store: Awaited<ReturnType<typeof engine.open>>;
  let log: ConsentLog;
  const temp = mkdtempSync(join(tmpdir(), 'holdback-chain-'));

  beforeAll(async () => {
    store = await engine.open();
    log = store.log;
    await log.append(Array.from({ length: 20 }, () => submission()));
  }, 60_000);
  afterAll(async () => {
    await store?.dispose();
    rmSync(temp, { recursive: true, force: true });
  });

  /** Changes the store behind the log's back, verifies, and puts it back. */
  async function tampered(change: string, undo: string, params: unknown[] = []) {
    await log.db.query(change, change.includes('$1') ? params : []);
    try {
      return await verify(log);
    } finally {
      await log.db.query(undo, params);
      expect((await verify(log)).ok).toBe(true);
    }
  }

  it('verifies an untouched chain', async () => {
    const verdict = await verify(log, 7);
    expect(verdict).toMatchObject({ ok: true, entries: 20, records: 20, pruned: 0, firstBad: null });
    expect(verdict.head.seq).toBe(20);
  });

  it('names the first entry whose body was changed', async () => {
    const [row] = await log.db.query<{ body: string }>('SELECT body FROM entries WHERE seq = 7');
    const verdict = await tampered(
      `UPDATE entries SET body = replace(body, '"statistics":true', '"statistics":false') WHERE seq = 7`,
      'UPDATE entries SET body = $1 WHERE seq = 7',
      [row!.body],
    );
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBad).toEqual({ seq: 7, reason: 'its body was changed after it was written' });
  });

  it('catches an indexed column changed behind an intact body', async () => {
    const [row] = await log.db.query<{ decided_at: string }>(
      'SELECT to_char(decided_at AT TIME ZONE \'UTC\', \'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"\') AS decided_at FROM entries WHERE seq = 5',
    );
    const verdict = await tampered(
      "UPDATE entries SET decided_at = '2015-01-01T00:00:00Z' WHERE seq = 5",
      'UPDATE entries SET decided_at = $1 WHERE seq = 5',
      [row!.decided_at],
    );
    expect(verdict.firstBad).toEqual({ seq: 5, reason: 'its decision time column does not match its body' });
    const kind = await tampered('UPDATE entries SET allows = NOT allows WHERE seq = 6', 'UPDATE entries SET allows = NOT allows WHERE seq = 6');
    expect(kind.firstBad).toEqual({ seq: 6, reason: 'its allows column does not match its body' });
  });

  it('catches a body rewritten together with its own hash', async () => {
    const [row] = await log.db.query<{ body: string; entry_hash: string }>('SELECT body, entry_hash FROM entries WHERE seq = 9');
    const forged = row!.body.replace('"statistics":true', '"statistics":false');
    const { sha256 } = await import('../src/hash.js');
    await log.db.query('UPDATE entries SET body = $1, entry_hash = $2 WHERE seq = 9', [forged, sha256(forged)]);
    const verdict = await verify(log);
    await log.db.query('UPDATE entries SET body = $1, entry_hash = $2 WHERE seq = 9', [row!.body, row!.entry_hash]);
    expect(verdict.firstBad).toEqual({ seq: 9, reason: 'its hash does not match its link' });
  });

  it('catches a deleted entry and a cut-off tail', async () => {
    const [row] = await log.db.query<Record<string, unknown>>('SELECT * FROM entries WHERE seq = 12');
    await log.db.query('DELETE FROM entries WHERE seq = 12');
    const verdict = await verify(log);
    const columns = Object.keys(row!);
    await log.db.query(`INSERT INTO entries (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row!));
    expect(verdict.firstBad).toEqual({ seq: 12, reason: 'entries 12 to 12 are missing' });
    const [last] = await log.db.query<Record<string, unknown>>('SELECT * FROM entries WHERE seq = 20');
    await log.db.query('DELETE FROM entries WHERE seq = 20');
    const tail = await verify(log);
    await log.db.query(`INSERT INTO entries (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(last!));
    expect(tail.ok).toBe(false);
    expect(tail.firstBad!.reason).toContain('the head says 20 entries, the chain has 19');
    expect((await verify(log)).ok).toBe(true);
  });

  it('catches a body emptied without a prune entry, and a changed notice', async () => {
    const [row] = await log.db.query<{ body: string; consent_id: string; decided_at: Date }>(
      'SELECT body, consent_id, decided_at FROM entries WHERE seq = 3',
    );
    const restore = [row!.body, row!.consent_id, row!.decided_at];
    const halfway = await tampered(
      "UPDATE entries SET body = NULL, pruned_at = '2030-01-01' WHERE seq = 3",
      'UPDATE entries SET body = $1, pruned_at = NULL WHERE seq = 3',
      [row!.body],
    );
    expect(halfway.firstBad).toEqual({ seq: 3, reason: 'it was pruned but still names a consent' });
    const emptied = await tampered(
      "UPDATE entries SET body = NULL, consent_id = NULL, decided_at = NULL, pruned_at = '2030-01-01' WHERE seq = 3",
      'UPDATE entries SET body = $1, consent_id = $2, decided_at = $3, pruned_at = NULL WHERE seq = 3',
      restore,
    );
    expect(emptied.firstBad).toEqual({ seq: 3, reason: 'it was emptied, but no prune entry names it' });
    const hash = await log.putNotice('{"language":"en","revision":1,"categories":[]}');
    const notice = await tampered(
      `UPDATE notices SET body = '{"language":"de","revision":1,"categories":[]}' WHERE hash = $1`,
      `UPDATE notices SET body = '{"language":"en","revision":1,"categories":[]}' WHERE hash = $1`,
      [hash],
    );
    expect(notice.firstBad!.reason).toBe(`notice ${hash} does not match its hash`);
  });

  it('stays one chain with two batches in flight, retries and replays among them', async () => {
    const writer = new GroupWriter(log, 40, 2);
    const before = await log.head();
    const originals = Array.from({ length: 300 }, () => submission());
    const replays = originals.filter((_, i) => i % 10 === 0).map((s) => ({ ...s }));
    const altered = originals.filter((_, i) => i % 20 === 5).map((s) => ({ record: { ...s.record, gpc: !s.record.gpc }, ipPrefix: null }));
    const all = [...originals, ...replays, ...altered].sort(() => Math.random() - 0.5);
    const outcomes = await Promise.all(all.map((s) => writer.submit(s)));
    expect(outcomes.filter((o) => o === 'stored')).toHaveLength(300);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(altered.length);
    const verdict = await verify(log);
    expect(verdict.ok, verdict.firstBad?.reason).toBe(true);
    expect(verdict.entries).toBe(before.seq + 300);
  });

  it('backs up and restores the whole log, hashes and all', async () => {
    const file = join(temp, 'backup.ndjson.gz');
    expect(await backup(log, file)).toEqual({ entries: 320, notices: 1 });
    await expect(backup(log, file)).rejects.toThrow();
    const target = await engine.open();
    try {
      expect(await restore(target.log, file)).toEqual({ entries: 320, notices: 1 });
      expect(await target.log.head()).toEqual(await log.head());
      expect((await verify(target.log)).ok).toBe(true);
      await expect(restore(target.log, file)).rejects.toThrow('not empty');
      // The restored log goes on where the backup stopped.
      await target.log.append([submission()]);
      expect((await verify(target.log)).entries).toBe(321);
    } finally {
      await target.dispose();
    }
    writeFileSync(join(temp, 'not-a-backup.gz'), 'plain text');
    const empty = await engine.open();
    try {
      await expect(restore(empty.log, join(temp, 'not-a-backup.gz'))).rejects.toThrow('not a holdback-receiver backup');
    } finally {
      await empty.dispose();
    }
  }, 60_000);
});

describe.each(ENGINES)('retention on $name', (engine) => {
  let store: Awaited<ReturnType<typeof engine.open>>;
  let log: ConsentLog;
  beforeAll(async () => {
    store = await engine.open();
    log = store.log;
  }, 60_000);
  afterAll(() => store?.dispose());

  it('prunes a consent only after it expired plus the hold, logs the prune, and keeps the chain verifiable', async () => {
    const expired = submission({ time: '2025-01-01T00:00:00.000Z' });
    const renewedOld = submission({ time: '2025-01-01T00:00:00.000Z' });
    const renewed = submission({ id: renewedOld.record.id, time: '2027-06-01T00:00:00.000Z' });
    const refused = submission({ time: '2026-03-01T00:00:00.000Z', categories: refusal });
    const inForce = submission({ time: '2029-12-01T00:00:00.000Z' });
    // Each received when it was decided; a record received later than its browser's time says counts from its arrival.
    for (const s of [expired, renewedOld, renewed, refused, inForce]) await log.append([s], new Date(s.record.time));
    const now = new Date('2030-01-01T00:00:00.000Z');

    const result = await log.prune(SITE, 1095, now);
    expect(result).toEqual({ count: 2, seq: 6 });
    expect(await log.history(expired.record.id)).toEqual([]);
    expect(await log.history(refused.record.id)).toEqual([]);
    // The older record of a consent renewed since is kept with it.
    expect(await log.history(renewedOld.record.id)).toHaveLength(2);
    expect(await log.history(inForce.record.id)).toHaveLength(1);

    const verdict = await verify(log);
    expect(verdict).toMatchObject({ ok: true, entries: 6, records: 3, pruned: 2 });
    const [entry] = await log.db.query<{ body: string }>("SELECT body FROM entries WHERE kind = 'prune'");
    expect(JSON.parse(entry!.body).prune).toMatchObject({ count: 2, seqs: '1,4', holdDays: 1095 });
    expect(await log.prune(SITE, 1095, now)).toEqual({ count: 0, seq: null });

    // Without any hold, an expired consent goes at once, but one still in force stays all the same.
    const second = await log.prune(SITE, 0, now);
    expect(second.count).toBe(2);
    expect(await log.history(renewed.record.id)).toEqual([]);
    expect(await log.history(inForce.record.id)).toHaveLength(1);
    const later = await log.prune(SITE, 0, new Date('2031-01-01T00:00:00.000Z'));
    expect(later.count).toBe(1);
    expect((await verify(log)).ok).toBe(true);
  });

  it("counts a consent's life from when it arrived when the browser's clock was behind", async () => {
    const slow = submission({ time: '2026-01-01T00:00:00.000Z' });
    await log.append([slow], new Date('2027-01-01T00:00:00.000Z'));
    expect((await log.prune(SITE, 0, new Date('2027-06-01T00:00:00.000Z'))).count).toBe(0);
    expect((await log.prune(SITE, 0, new Date('2028-01-02T00:00:00.000Z'))).count).toBe(1);
  });
});

describe('the embedded store', () => {
  it('is locked to one process; a lock left by a dead one is taken over', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'holdback-lock-'));
    try {
      const db = await openPglite(folder);
      await expect(openPglite(folder)).rejects.toThrow(`is in use by process ${process.pid}`);
      await db.close();
      writeFileSync(
        join(folder, 'holdback-receiver.lock'),
        JSON.stringify({ pid: 2 ** 22 + 17, host: hostname(), since: '2026-01-01T00:00:00.000Z' }),
      );
      const again = await openPglite(folder);
      await again.close();
      // A restarted container can give this process the PID of the one that left the lock.
      writeFileSync(
        join(folder, 'holdback-receiver.lock'),
        JSON.stringify({ pid: process.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }),
      );
      const restarted = await openPglite(folder);
      await restarted.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('runs transactions one after another on its one connection, and statements asked for meanwhile after them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'holdback-turns-'));
    const db = await openPglite(folder);
    try {
      await db.query('CREATE TABLE counter (n integer NOT NULL)');
      await db.query('INSERT INTO counter VALUES (0)');
      const seen: number[] = [];
      // Each reads, waits, then writes what it read plus one: interleaved on one connection, increments would be lost.
      const increment = () =>
        db.transaction(async (sql) => {
          const [row] = await sql.query<{ n: number }>('SELECT n FROM counter');
          await new Promise((resolve) => setTimeout(resolve, 5));
          await sql.query('UPDATE counter SET n = $1', [row!.n + 1]);
        });
      const outside = async () => seen.push((await db.query<{ n: number }>('SELECT n FROM counter'))[0]!.n);
      await Promise.all([increment(), outside(), increment(), increment(), outside(), increment(), increment()]);
      expect((await db.query<{ n: number }>('SELECT n FROM counter'))[0]!.n).toBe(5);
      expect(seen).toEqual([1, 3]);
      // A failed transaction is rolled back and the next one still runs.
      await expect(db.transaction(async (sql) => sql.query('UPDATE counter SET n = n / 0'))).rejects.toThrow('division by zero');
      await increment();
      expect((await db.query<{ n: number }>('SELECT n FROM counter'))[0]!.n).toBe(6);
    } finally {
      await db.close();
      rmSync(folder, { recursive: true, force: true });
    }
    await expect(db.query('SELECT 1')).rejects.toThrow('the embedded store is closed');
  }, 60_000);
});

describe('several receivers on one PostgreSQL, and moving to it', () => {
  it('keeps one chain while two logs write at once', async () => {
    const database = await freshPostgres();
    const [a, b] = [await openLog({ databaseUrl: database.url }), await openLog({ databaseUrl: database.url })];
    try {
      const write = (log: ConsentLog) => Promise.all(Array.from({ length: 20 }, () => log.append(Array.from({ length: 25 }, () => submission()))));
      await Promise.all([write(a!), write(b!)]);
      const verdict = await verify(a!);
      expect(verdict).toMatchObject({ ok: true, entries: 1000, records: 1000 });
    } finally {
      await a!.db.close();
      await b!.db.close();
      await database.drop();
    }
  }, 60_000);

  it('moves the embedded store into an empty PostgreSQL', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'holdback-move-'));
    const database = await freshPostgres();
    const source = await openLog({ data: folder });
    const target = await openLog({ databaseUrl: database.url });
    try {
      await source.append(Array.from({ length: 30 }, () => submission()));
      await source.putNotice('{"language":"en","revision":1,"categories":[]}');
      await source.prune(SITE, 0, new Date('2099-01-01T00:00:00.000Z'));
      await source.append([submission()]);
      expect(await copy(source, target)).toEqual({ entries: 32, notices: 1 });
      expect(await target.head()).toEqual(await source.head());
      expect(await verify(target)).toMatchObject({ ok: true, entries: 32, records: 1, pruned: 30 });
      await target.append([submission()]);
      expect((await verify(target)).entries).toBe(33);
    } finally {
      await source.db.close();
      await target.db.close();
      await database.drop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
