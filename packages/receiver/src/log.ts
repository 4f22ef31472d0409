import type { Database, Sql } from './db/database.js';
import { GENESIS, link, sha256 } from './hash.js';
import { fromRanges, toRanges } from './ranges.js';
import { type ConsentRecord, allowsAnything } from './record.js';
import type { Site } from './site.js';

/** What a POST becomes: a new entry, an exact retry of one, or an altered replay. */
export type Outcome = 'stored' | 'duplicate' | 'conflict';

export interface Submission {
  record: ConsentRecord;
  ipPrefix: string | null;
}

export interface RecordBody {
  seq: number;
  kind: 'record';
  receivedAt: string;
  ipPrefix: string | null;
  record: ConsentRecord;
}

export interface PruneBody {
  seq: number;
  kind: 'prune';
  receivedAt: string;
  prune: { count: number; seqs: string; holdDays: number; rule: string };
}

export type EntryBody = RecordBody | PruneBody;

/** A row of the chain as it is stored; `body` is null once pruned. */
export interface Entry {
  seq: number;
  kind: 'record' | 'prune';
  /** The indexed columns, which `verify` holds to the body. */
  consentId: string | null;
  decidedAt: string | null;
  recordHash: string | null;
  allows: boolean | null;
  body: string | null;
  entryHash: string;
  prevHash: string;
  hash: string;
  prunedAt: string | null;
}

export interface Head {
  seq: number;
  hash: string;
}

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO})`;

interface Row {
  seq: string | number;
  kind: 'record' | 'prune';
  consent_id: string | null;
  decided_at: string | null;
  record_hash: string | null;
  allows: boolean | null;
  body: string | null;
  entry_hash: string;
  prev_hash: string;
  hash: string;
  pruned_at: string | null;
}

const ENTRY_COLUMNS = `seq, kind, consent_id, ${iso('decided_at')} AS decided_at, record_hash, allows, body, entry_hash, prev_hash, hash, ${iso('pruned_at')} AS pruned_at`;

function toEntry(row: Row): Entry {
  return {
    seq: Number(row.seq),
    kind: row.kind,
    consentId: row.consent_id,
    decidedAt: row.decided_at,
    recordHash: row.record_hash,
    allows: row.allows,
    body: row.body,
    entryHash: row.entry_hash,
    prevHash: row.prev_hash,
    hash: row.hash,
    prunedAt: row.pruned_at,
  };
}

/** The record's own hash: an exact retry has the same one, an altered replay another. */
export function recordHash(record: ConsentRecord): string {
  return sha256(JSON.stringify(record));
}

/**
 * The text of a record's entry, exactly `JSON.stringify` of its RecordBody,
 * put together around the record's JSON made once for its hash.
 */
export function recordBody(seq: number, receivedAt: string, ipPrefix: string | null, recordJson: string): string {
  return `{"seq":${seq},"kind":"record","receivedAt":${JSON.stringify(receivedAt)},"ipPrefix":${JSON.stringify(ipPrefix)},"record":${recordJson}}`;
}

/** The consent log over one database: the only code that writes its chain. */
export class ConsentLog {
  constructor(readonly db: Database) {}

  async head(sql: Sql = this.db): Promise<Head> {
    const [row] = await sql.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head WHERE id = 1');
    return { seq: Number(row!.seq), hash: row!.hash };
  }

  /**
   * The head this process expects next: the last one it read, or the one its
   * latest batch will make once committed. A batch is linked to it before it
   * is sent, so that the next one can be linked and sent while the first is
   * still committing.
   */
  private expected: Head | null = null;

  /**
   * Appends a batch: new records get the next sequence numbers and their links,
   * exact retries and altered replays are told apart. One round trip in the
   * common case: the hashes are computed here, and the database function locks
   * the head and writes only if it is still the one they were linked to. When
   * another writer moved it (a receiver beside this one on the same
   * PostgreSQL, a prune), the head is read again and the batch linked anew, so
   * the chain stays one line.
   */
  async append(batch: Submission[], now = new Date()): Promise<Outcome[]> {
    try {
      return await this.write(batch, now);
    } catch (error) {
      this.expected = null;
      throw error;
    }
  }

  /**
   * One call writes the batch and moves the head, unless a record is already
   * kept under the same consent ID and time: then nothing is written, those
   * records are answered, and the rest goes again.
   */
  private async write(batch: Submission[], now: Date): Promise<Outcome[]> {
    const outcomes: (Outcome | undefined)[] = batch.map(() => undefined);
    const known = new Map<string, string>();
    for (let head: Head | null = null; ; ) {
      head ??= this.expected ?? (await this.head());
      let { seq, hash } = head;
      const receivedAt = now.toISOString();
      const rows: Record<string, unknown>[] = [];
      const placed: number[] = [];
      for (const [i, { record, ipPrefix }] of batch.entries()) {
        if (outcomes[i]) continue;
        const key = `${record.id} ${record.time}`;
        const json = JSON.stringify(record);
        const own = sha256(json);
        const earlier = known.get(key);
        if (earlier !== undefined) {
          outcomes[i] = earlier === own ? 'duplicate' : 'conflict';
          continue;
        }
        known.set(key, own);
        seq += 1;
        const body = recordBody(seq, receivedAt, ipPrefix, json);
        const entryHash = sha256(body);
        hash = link(hash, entryHash);
        rows.push({
          seq,
          consent_id: record.id,
          decided_at: record.time,
          record_hash: own,
          allows: allowsAnything(record),
          body,
          entry_hash: entryHash,
          hash,
        });
        placed.push(i);
      }
      if (!rows.length) return outcomes as Outcome[];
      this.expected = { seq, hash };
      const [row] = await this.db.query<{ result: string | { moved?: boolean; dups?: { consent_id: string; time: string; record_hash: string }[] } }>(
        'SELECT holdback_append($1::json, $2, $3, $4, $5, $6) AS result',
        [JSON.stringify(rows), receivedAt, String(seq), hash, String(head.seq), head.hash],
        'append',
      );
      const result = typeof row!.result === 'string' ? JSON.parse(row!.result) : row!.result;
      if (result.moved) {
        // Another writer moved the head, or a batch sent before this one failed: link anew from the head as it is.
        for (const i of placed) known.delete(`${batch[i]!.record.id} ${batch[i]!.record.time}`);
        this.expected = null;
        head = null;
        continue;
      }
      const dups = result.dups;
      if (!dups?.length) {
        for (const i of placed) outcomes[i] = 'stored';
        return outcomes as Outcome[];
      }
      // Kept before: answer those from what is kept, and link the others again from the same head.
      if (this.expected?.seq === seq && this.expected.hash === hash) this.expected = head;
      for (const i of placed) known.delete(`${batch[i]!.record.id} ${batch[i]!.record.time}`);
      for (const dup of dups as { consent_id: string; time: string; record_hash: string }[])
        known.set(`${dup.consent_id} ${dup.time}`, dup.record_hash);
    }
  }

  /** Keeps a notice once, named by the hash of its exact bytes. */
  async putNotice(body: string, now = new Date()): Promise<string> {
    const hash = sha256(body);
    await this.db.query('INSERT INTO notices (hash, body, received_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING', [
      hash,
      body,
      now.toISOString(),
    ]);
    return hash;
  }

  async notices(hashes: string[]): Promise<Map<string, string>> {
    if (!hashes.length) return new Map();
    const rows = await this.db.query<{ hash: string; body: string }>('SELECT hash, body FROM notices WHERE hash = ANY($1::text[])', [hashes]);
    return new Map(rows.map((row) => [row.hash, row.body]));
  }

  /** Every entry of one consent ID, oldest first. */
  async history(consentId: string): Promise<Entry[]> {
    const rows = await this.db.query<Row>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE consent_id = $1 ORDER BY decided_at, seq`, [consentId]);
    return rows.map(toEntry);
  }

  /**
   * One consent ID's history for the API, in one query: its entries oldest
   * first, the notices they point at, and the chain's head.
   */
  async lookup(consentId: string): Promise<{ entries: Entry[]; notices: Map<string, string | null>; head: Head }> {
    const rows = await this.db.query<Row & { notice_hash: string | null; notice: string | null; head_seq: string; head_hash: string }>(
      `SELECT e.seq, e.kind, e.consent_id, ${iso('e.decided_at')} AS decided_at, e.record_hash, e.allows, e.body, e.entry_hash, e.prev_hash, e.hash,
              ${iso('e.pruned_at')} AS pruned_at, e.body::jsonb->'record'->>'noticeHash' AS notice_hash, n.body AS notice,
              h.seq AS head_seq, h.hash AS head_hash
       FROM entries e CROSS JOIN chain_head h
       LEFT JOIN notices n ON n.hash = e.body::jsonb->'record'->>'noticeHash'
       WHERE e.consent_id = $1 AND h.id = 1 ORDER BY e.decided_at, e.seq`,
      [consentId],
      'lookup',
    );
    const notices = new Map<string, string | null>();
    for (const row of rows) if (row.notice_hash) notices.set(row.notice_hash, row.notice);
    const head = rows[0] ? { seq: Number(rows[0].head_seq), hash: rows[0].head_hash } : await this.head();
    return { entries: rows.map(toEntry), notices, head };
  }

  /** Entries after a sequence number, in order: the cursor of export, verify and backup. */
  async page(afterSeq: number, limit: number, sql: Sql = this.db): Promise<Entry[]> {
    const rows = await sql.query<Row>(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE seq > $1 ORDER BY seq LIMIT $2`, [String(afterSeq), limit]);
    return rows.map(toEntry);
  }

  /** Records decided in [from, to), in order, a page at a time. */
  async *records(from: Date, to: Date, pageSize = 2000): AsyncGenerator<{ entry: Entry; body: RecordBody }> {
    let after = 0;
    for (;;) {
      const rows = await this.db.query<Row>(
        `SELECT ${ENTRY_COLUMNS} FROM entries
         WHERE seq > $1 AND kind = 'record' AND body IS NOT NULL AND decided_at >= $2 AND decided_at < $3
         ORDER BY seq LIMIT $4`,
        [String(after), from.toISOString(), to.toISOString(), pageSize],
      );
      for (const row of rows) {
        const entry = toEntry(row);
        yield { entry, body: JSON.parse(entry.body!) as RecordBody };
      }
      if (rows.length < pageSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }

  async categoriesIn(from: Date, to: Date): Promise<string[]> {
    const rows = await this.db.query<{ name: string }>(
      `SELECT DISTINCT jsonb_object_keys((body::jsonb)->'record'->'categories') AS name FROM entries
       WHERE kind = 'record' AND body IS NOT NULL AND decided_at >= $1 AND decided_at < $2 ORDER BY 1`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((row) => row.name);
  }

  /**
   * Prunes the records of every consent ID whose newest choice expired more than
   * `holdDays` ago. Their bodies go; their place in the chain stays, and one
   * prune entry, itself chained, says what went and why.
   */
  async prune(site: Site, holdDays: number, now = new Date()): Promise<{ count: number; seq: number | null }> {
    return this.db.transaction(async (sql) => {
      const [head] = await sql.query<{ seq: string; hash: string }>('SELECT seq, hash FROM chain_head WHERE id = 1 FOR UPDATE');
      const due = await sql.query<{ seq: string }>(
        `WITH newest AS (
           SELECT DISTINCT ON (consent_id) consent_id, greatest(decided_at, received_at) AS decided_at, allows FROM entries
           WHERE consent_id IS NOT NULL ORDER BY consent_id, decided_at DESC
         )
         SELECT e.seq FROM entries e JOIN newest n ON n.consent_id = e.consent_id
         WHERE n.decided_at + make_interval(days => CASE WHEN n.allows THEN $1::int ELSE $2::int END) + make_interval(days => $3::int) < $4::timestamptz
         ORDER BY e.seq`,
        [site.consentDays, site.refusalDays, holdDays, now.toISOString()],
      );
      if (!due.length) return { count: 0, seq: null };
      const seqs = due.map((row) => Number(row.seq));
      const prunedAt = now.toISOString();
      await sql.query(
        `UPDATE entries SET body = NULL, consent_id = NULL, decided_at = NULL, record_hash = NULL, allows = NULL, pruned_at = $2
         WHERE seq = ANY($1::bigint[])`,
        [seqs.map(String), prunedAt],
      );
      const seq = Number(head!.seq) + 1;
      const body = JSON.stringify({
        seq,
        kind: 'prune',
        receivedAt: prunedAt,
        prune: {
          count: seqs.length,
          seqs: toRanges(seqs),
          holdDays,
          rule: `consent expired (${site.consentDays} days after a choice that allows something, ${site.refusalDays} after a refusal) more than ${holdDays} days ago`,
        },
      } satisfies PruneBody);
      const entryHash = sha256(body);
      const hash = link(head!.hash, entryHash);
      await sql.query(`INSERT INTO entries (seq, kind, received_at, body, entry_hash, prev_hash, hash) VALUES ($1, 'prune', $2, $3, $4, $5, $6)`, [
        String(seq),
        prunedAt,
        body,
        entryHash,
        head!.hash,
        hash,
      ]);
      await sql.query('UPDATE chain_head SET seq = $1, hash = $2 WHERE id = 1', [String(seq), hash]);
      this.expected = null;
      return { count: seqs.length, seq };
    });
  }

  async counts(): Promise<{ records: number; pruned: number; notices: number }> {
    const [row] = await this.db.query<{ records: string; pruned: string; notices: string }>(
      `SELECT (SELECT count(*) FROM entries WHERE kind = 'record' AND body IS NOT NULL) AS records,
              (SELECT count(*) FROM entries WHERE pruned_at IS NOT NULL) AS pruned,
              (SELECT count(*) FROM notices) AS notices`,
    );
    return { records: Number(row!.records), pruned: Number(row!.pruned), notices: Number(row!.notices) };
  }
}

export { fromRanges, GENESIS };
