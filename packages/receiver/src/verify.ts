import { GENESIS, link, sha256 } from './hash.js';
import { type ConsentLog, type Entry, type EntryBody, type Head, type PruneBody, recordHash } from './log.js';
import { allowsAnything } from './record.js';
import { fromRanges } from './ranges.js';

export interface Verdict {
  ok: boolean;
  /** Entries checked, records still whole, records pruned. */
  entries: number;
  records: number;
  pruned: number;
  notices: number;
  head: Head;
  /** The first entry that does not fit, and why. */
  firstBad: { seq: number; reason: string } | null;
}

/**
 * Recomputes the chain from its first entry: each body against its hash, each
 * link against the one before, the head against the last entry; every pruned
 * body must be named by a prune entry, and every notice must match its hash.
 */
export async function verify(log: ConsentLog, pageSize = 5000): Promise<Verdict> {
  const head = await log.head();
  let previous = GENESIS;
  let expected = 1;
  let records = 0;
  const tombstones: number[] = [];
  const declared = new Set<number>();
  const fail = (seq: number, reason: string) => ({
    ok: false,
    entries: expected - 1,
    records,
    pruned: tombstones.length,
    notices: 0,
    head,
    firstBad: { seq, reason },
  });
  for (let after = 0; ; ) {
    const page = await log.page(after, pageSize);
    for (const entry of page) {
      // Entries written since the head was read are the next verify's.
      if (entry.seq > head.seq) break;
      if (entry.seq !== expected)
        return fail(expected, entry.seq > expected ? `entries ${expected} to ${entry.seq - 1} are missing` : 'sequence out of order');
      if (entry.prevHash !== previous) return fail(entry.seq, 'its link to the entry before does not match');
      if (entry.hash !== link(entry.prevHash, entry.entryHash)) return fail(entry.seq, 'its hash does not match its link');
      if (entry.body === null) {
        if (!entry.prunedAt) return fail(entry.seq, 'its body is gone but it was never pruned');
        if (entry.consentId !== null || entry.decidedAt !== null) return fail(entry.seq, 'it was pruned but still names a consent');
        tombstones.push(entry.seq);
      } else {
        if (sha256(entry.body) !== entry.entryHash) return fail(entry.seq, 'its body was changed after it was written');
        let body: EntryBody;
        try {
          body = JSON.parse(entry.body) as EntryBody;
        } catch {
          return fail(entry.seq, 'its body is not JSON');
        }
        if (body.seq !== entry.seq) return fail(entry.seq, `its body says it is entry ${body.seq}`);
        const mismatch = columnsDiffer(entry, body);
        if (mismatch) return fail(entry.seq, `its ${mismatch} column does not match its body`);
        if (body.kind === 'prune') for (const seq of fromRanges(body.prune.seqs)) declared.add(seq);
        else records++;
      }
      previous = entry.hash;
      expected++;
    }
    if (page.length < pageSize || page[page.length - 1]!.seq >= head.seq) break;
    after = page[page.length - 1]!.seq;
  }
  // A prune that ran meanwhile emptied entries the head covers; its entry is past the head.
  if (tombstones.some((seq) => !declared.has(seq))) {
    const later = await log.db.query<{ body: string }>("SELECT body FROM entries WHERE kind = 'prune' AND seq > $1", [String(head.seq)]);
    for (const row of later) for (const seq of fromRanges((JSON.parse(row.body) as PruneBody).prune.seqs)) declared.add(seq);
  }
  const undeclared = tombstones.find((seq) => !declared.has(seq));
  if (undeclared !== undefined) return fail(undeclared, 'it was emptied, but no prune entry names it');
  if (head.seq !== expected - 1) return fail(head.seq, `the head says ${head.seq} entries, the chain has ${expected - 1}`);
  if (head.hash !== previous) return fail(head.seq, 'the head does not match the last entry');
  const badNotice = await firstBadNotice(log);
  const counts = await log.counts();
  return {
    ok: badNotice === null,
    entries: expected - 1,
    records,
    pruned: tombstones.length,
    notices: counts.notices,
    head,
    firstBad: badNotice === null ? null : { seq: 0, reason: `notice ${badNotice} does not match its hash` },
  };
}

/**
 * The columns that export, lookup and retention read, held to the body they
 * were written from: a changed time could get a live consent pruned, a changed
 * kind or ID hide a record, though the body and its hash are intact.
 */
function columnsDiffer(entry: Entry, body: EntryBody): string | null {
  if (entry.kind !== body.kind) return 'kind';
  if (body.kind === 'prune') return entry.consentId !== null ? 'consent ID' : null;
  const record = body.record;
  if (entry.consentId !== record.id) return 'consent ID';
  if (entry.decidedAt !== record.time) return 'decision time';
  if (entry.recordHash !== recordHash(record)) return 'record hash';
  if (entry.allows !== allowsAnything(record)) return 'allows';
  return null;
}

async function firstBadNotice(log: ConsentLog): Promise<string | null> {
  for (let after = ''; ; ) {
    const rows = await log.db.query<{ hash: string; body: string }>('SELECT hash, body FROM notices WHERE hash > $1 ORDER BY hash LIMIT 500', [
      after,
    ]);
    for (const row of rows) if (sha256(row.body) !== row.hash) return row.hash;
    if (rows.length < 500) return null;
    after = rows[rows.length - 1]!.hash;
  }
}
