import { once } from 'node:events';
import { createReadStream, createWriteStream, openSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { type Database, ReceiverError, type Sql } from './db/database.js';
import { SCHEMA_VERSION } from './db/migrations.js';
import type { ConsentLog } from './log.js';

/** Every column of an entry, as a backup carries it. */
interface EntryRow {
  seq: string;
  kind: string;
  received_at: string;
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

interface NoticeRow {
  hash: string;
  body: string;
  received_at: string;
}

type Line = { notice: NoticeRow } | { entry: EntryRow };

const FORMAT = 'holdback-receiver-backup';
const ISO = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${column}`;
const COLUMNS = `seq::text AS seq, kind, ${ISO('received_at')}, consent_id, ${ISO('decided_at')}, record_hash, allows, body, entry_hash, prev_hash, hash, ${ISO('pruned_at')}`;

/**
 * Reads the whole log from one consistent snapshot: notices first, then the
 * entries in chain order, a page at a time.
 */
async function* read(db: Database, into: (head: { seq: string; hash: string }) => void): AsyncGenerator<Line> {
  const lines: Line[][] = [];
  // The snapshot is taken inside one transaction; pages are handed out as they come.
  await db.transaction(async (sql) => {
    if (db.engine === 'postgresql') await sql.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const [head] = await sql.query<{ seq: string; hash: string }>('SELECT seq::text AS seq, hash FROM chain_head WHERE id = 1');
    into(head!);
    const notices = await sql.query<NoticeRow>(`SELECT hash, body, ${ISO('received_at')} FROM notices ORDER BY hash`);
    lines.push(notices.map((notice) => ({ notice })));
    for (let after = '0'; ; ) {
      const rows = await sql.query<EntryRow>(`SELECT ${COLUMNS} FROM entries WHERE seq > $1 ORDER BY seq LIMIT 5000`, [after]);
      lines.push(rows.map((entry) => ({ entry })));
      if (rows.length < 5000) break;
      after = rows[rows.length - 1]!.seq;
    }
  });
  for (const page of lines) yield* page;
}

/** Writes the whole log to a gzipped NDJSON file; the store is read in one snapshot. */
export async function backup(log: ConsentLog, path: string): Promise<{ entries: number; notices: number }> {
  // Opened before anything is read, so that an existing file fails at once and is never overwritten.
  const file = createWriteStream(path, { fd: openSync(path, 'wx') });
  const gzip = createGzip();
  const done = new Promise<void>((resolve, reject) => {
    file.on('finish', resolve).on('error', reject);
    gzip.on('error', reject);
  });
  gzip.pipe(file);
  let head: { seq: string; hash: string } | null = null;
  let entries = 0;
  let notices = 0;
  const lines = read(log.db, (h) => (head = h));
  const first = await lines.next();
  const write = async (text: string) => {
    if (!gzip.write(text)) await once(gzip, 'drain');
  };
  await write(
    `${JSON.stringify({ format: FORMAT, version: 1, schema: SCHEMA_VERSION, engine: log.db.engine, createdAt: new Date().toISOString(), head })}\n`,
  );
  for (let line = first; !line.done; line = await lines.next()) {
    if ('entry' in line.value) entries++;
    else notices++;
    await write(`${JSON.stringify(line.value)}\n`);
  }
  gzip.end();
  await done;
  return { entries, notices };
}

async function assertEmpty(target: ConsentLog): Promise<void> {
  const head = await target.head();
  const counts = await target.counts();
  if (head.seq !== 0 || counts.notices !== 0) {
    throw new ReceiverError(
      `the target store at ${target.db.location} is not empty (${head.seq} entries, ${counts.notices} notices): restore only into an empty one`,
    );
  }
}

/** Copies lines into an empty store, keeping every sequence number and hash. */
async function load(
  target: ConsentLog,
  lines: AsyncIterable<Line>,
  head: { seq: string; hash: string },
): Promise<{ entries: number; notices: number }> {
  await assertEmpty(target);
  let entries: EntryRow[] = [];
  let count = 0;
  let notices = 0;
  const flush = async (sql: Sql) => {
    if (!entries.length) return;
    const columns = (
      [
        'seq',
        'kind',
        'received_at',
        'consent_id',
        'decided_at',
        'record_hash',
        'allows',
        'body',
        'entry_hash',
        'prev_hash',
        'hash',
        'pruned_at',
      ] as const
    ).map((key) => entries.map((row) => row[key]));
    await sql.query(
      `INSERT INTO entries (seq, kind, received_at, consent_id, decided_at, record_hash, allows, body, entry_hash, prev_hash, hash, pruned_at)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[], $5::timestamptz[], $6::text[], $7::boolean[],
                            $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])`,
      columns,
    );
    count += entries.length;
    entries = [];
  };
  await target.db.transaction(async (sql) => {
    for await (const line of lines) {
      if ('notice' in line) {
        await sql.query('INSERT INTO notices (hash, body, received_at) VALUES ($1, $2, $3)', [
          line.notice.hash,
          line.notice.body,
          line.notice.received_at,
        ]);
        notices++;
      } else {
        entries.push(line.entry);
        if (entries.length >= 2000) await flush(sql);
      }
    }
    await flush(sql);
    await sql.query('UPDATE chain_head SET seq = $1, hash = $2 WHERE id = 1', [head.seq, head.hash]);
  });
  return { entries: count, notices };
}

/** Reads a backup file back into an empty store. */
export async function restore(target: ConsentLog, path: string): Promise<{ entries: number; notices: number }> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new ReceiverError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  const gunzip = createGunzip();
  const input = createReadStream(path, { fd }).pipe(gunzip);
  // A file that is not gzip fails in the lines below; nothing is left unhandled.
  gunzip.on('error', () => {});
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })[Symbol.asyncIterator]();
  let header: { format?: string; schema?: number; head?: { seq: string; hash: string } };
  try {
    const first = await lines.next();
    header = JSON.parse(first.value ?? '');
  } catch (error) {
    throw new ReceiverError(`${path} is not a holdback-receiver backup (${(error as Error).message})`);
  }
  if (header.format !== FORMAT || !header.head) throw new ReceiverError(`${path} is not a holdback-receiver backup`);
  if ((header.schema ?? 0) > SCHEMA_VERSION) throw new ReceiverError(`${path} comes from a newer receiver (schema ${header.schema}); upgrade first`);
  async function* parsed(): AsyncGenerator<Line> {
    for (let line = await lines.next(); !line.done; line = await lines.next()) if (line.value) yield JSON.parse(line.value) as Line;
  }
  return load(target, parsed(), header.head);
}

/** Moves the whole log from one store to another, e.g. the embedded one to PostgreSQL. */
export async function copy(source: ConsentLog, target: ConsentLog): Promise<{ entries: number; notices: number }> {
  let head: { seq: string; hash: string } | null = null;
  const lines: Line[] = [];
  for await (const line of read(source.db, (h) => (head = h))) lines.push(line);
  async function* replay(): AsyncGenerator<Line> {
    yield* lines;
  }
  return load(target, replay(), head!);
}
