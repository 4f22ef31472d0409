import { GENESIS } from '../hash.js';
import { type Database, ReceiverError } from './database.js';

/**
 * The schema, as numbered steps run once each, in order, the same on PGlite
 * and PostgreSQL. A step is never edited once released: a change is a new step.
 */
const STEPS: string[] = [
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
      for (const statement of STEPS[version - 1]!.split(/;\s*$/m).filter((s) => s.trim())) await sql.query(statement);
      await sql.query('INSERT INTO holdback_migrations (version, applied_at) VALUES ($1, now())', [version]);
    }
  });
}
