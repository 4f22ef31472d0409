import { GENESIS } from '../hash.js';
import { type Database, ReceiverError } from './database.js';

/**
 * The schema, as numbered steps run once each, in order, the same on PGlite
 * and PostgreSQL. A step is never edited once released: a change is a new step.
 */
const STEPS: (string | string[])[] = [
  `CREATE TABLE chain_head (
     id smallint PRIMARY KEY CHECK (id = 1),
     seq bigint NOT NULL,
     hash text NOT NULL
   );
   INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '${GENESIS}');
   CREATE TABLE notices (
     hash text PRIMARY KEY,
     body text NOT NULL,
     received_at timestamptz NOT NULL
   );
   CREATE TABLE entries (
     seq bigint PRIMARY KEY,
     kind text NOT NULL CHECK (kind IN ('record', 'prune')),
     received_at timestamptz NOT NULL,
     consent_id text,
     decided_at timestamptz,
     record_hash text,
     allows boolean,
     body text,
     entry_hash text NOT NULL,
     prev_hash text NOT NULL,
     hash text NOT NULL,
     pruned_at timestamptz
   );
   CREATE UNIQUE INDEX entries_decision ON entries (consent_id, decided_at) WHERE consent_id IS NOT NULL;
   CREATE INDEX entries_decided_at ON entries (decided_at) WHERE decided_at IS NOT NULL;`,
  // One call per group commit, planned once per connection: the embedded
  // store spends more on planning a statement than on writing fifty rows.
  `CREATE FUNCTION holdback_append(batch json, new_seq bigint, new_hash text, expected_seq bigint, expected_hash text) RETURNS json AS $$
   DECLARE
     current bigint;
     current_hash text;
     dups json;
   BEGIN
     SELECT seq, hash INTO current, current_hash FROM chain_head WHERE id = 1 FOR UPDATE;
     IF current <> expected_seq OR current_hash <> expected_hash THEN
       RETURN json_build_object('moved', true);
     END IF;
     SELECT json_agg(json_build_object('consent_id', e.consent_id, 'time', to_char(e.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'record_hash', e.record_hash))
       INTO dups
       FROM json_to_recordset(batch) AS i(consent_id text, decided_at timestamptz)
       JOIN entries e ON e.consent_id = i.consent_id AND e.decided_at = i.decided_at;
     IF dups IS NOT NULL THEN
       RETURN json_build_object('dups', dups);
     END IF;
     INSERT INTO entries (seq, kind, received_at, consent_id, decided_at, record_hash, allows, body, entry_hash, prev_hash, hash)
       SELECT seq, 'record', received_at, consent_id, decided_at, record_hash, allows, body, entry_hash, prev_hash, hash
       FROM json_to_recordset(batch) AS x(seq bigint, received_at timestamptz, consent_id text, decided_at timestamptz,
         record_hash text, allows boolean, body text, entry_hash text, prev_hash text, hash text);
     UPDATE chain_head SET seq = new_seq, hash = new_hash WHERE id = 1;
     RETURN json_build_object('moved', false);
   END
   $$ LANGUAGE plpgsql`,
  // Step 3, the same append for a third of the work: the batch is parsed once,
  // the time of arrival is one parameter and each link's previous hash is the
  // row before's, and the look-up of earlier records runs only when the unique
  // index refuses one (their insert is undone with the block).
  [
    'DROP FUNCTION holdback_append(json, bigint, text, bigint, text)',
    `CREATE FUNCTION holdback_append(batch json, received timestamptz, new_seq bigint, new_hash text, expected_seq bigint, expected_hash text) RETURNS json AS $$
     DECLARE
       current bigint;
       current_hash text;
       dups json;
     BEGIN
       SELECT seq, hash INTO current, current_hash FROM chain_head WHERE id = 1 FOR UPDATE;
       IF current <> expected_seq OR current_hash <> expected_hash THEN
         RETURN '{"moved":true}';
       END IF;
       BEGIN
         INSERT INTO entries (seq, kind, received_at, consent_id, decided_at, record_hash, allows, body, entry_hash, prev_hash, hash)
           SELECT seq, 'record', received, consent_id, decided_at, record_hash, allows, body, entry_hash,
                  coalesce(lag(hash) OVER (ORDER BY seq), expected_hash), hash
           FROM json_to_recordset(batch) AS x(seq bigint, consent_id text, decided_at timestamptz, record_hash text, allows boolean,
             body text, entry_hash text, hash text);
       EXCEPTION WHEN unique_violation THEN
         SELECT json_agg(json_build_object('consent_id', e.consent_id, 'time', to_char(e.decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'record_hash', e.record_hash))
           INTO dups
           FROM json_to_recordset(batch) AS i(consent_id text, decided_at timestamptz)
           JOIN entries e ON e.consent_id = i.consent_id AND e.decided_at = i.decided_at;
         -- No earlier record: the sequence numbers were taken, by a writer this head check cannot see.
         RETURN coalesce(json_build_object('dups', dups), '{"moved":true}');
       END;
       UPDATE chain_head SET seq = new_seq, hash = new_hash WHERE id = 1;
       RETURN '{"moved":false}';
     END
     $$ LANGUAGE plpgsql`,
  ],
];

export const SCHEMA_VERSION = STEPS.length;

/** An arbitrary number that names the migration lock among the database's advisory locks. */
const MIGRATION_LOCK = 4_857_201;

export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (sql) => {
    // Serialises receivers starting together on one PostgreSQL, table creation included.
    await sql.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await sql.query('CREATE TABLE IF NOT EXISTS holdback_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
    const [newest] = await sql.query<{ version: number | null }>('SELECT max(version) AS version FROM holdback_migrations');
    const done = newest?.version ?? 0;
    if (done > STEPS.length) {
      throw new ReceiverError(`the database has schema version ${done}, newer than this receiver's ${STEPS.length}: upgrade @holdback/receiver`);
    }
    for (let version = done + 1; version <= STEPS.length; version++) {
      // A step is statements ending a line with `;`, one function (whose body has its own), or a list of statements.
      const step = STEPS[version - 1]!;
      const statements = Array.isArray(step) ? step : step.includes('$$') ? [step] : step.split(/;\s*$/m).filter((s) => s.trim());
      for (const statement of statements) await sql.query(statement);
      await sql.query('INSERT INTO holdback_migrations (version, applied_at) VALUES ($1, now())', [version]);
    }
  });
}
