import { GENESIS } from '../hash.js';
import type { Database } from './database.js';

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

export async function migrate(db: Database): Promise<void> {
  await db.query('CREATE TABLE IF NOT EXISTS holdback_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)');
  for (let version = 1; version <= STEPS.length; version++) {
    await db.transaction(async (sql) => {
      // Serialises receivers starting together on one PostgreSQL.
      await sql.query('LOCK TABLE holdback_migrations IN EXCLUSIVE MODE');
      const done = await sql.query('SELECT 1 FROM holdback_migrations WHERE version = $1', [version]);
      if (done.length) return;
      for (const statement of STEPS[version - 1]!.split(/;\s*$/m).filter((s) => s.trim())) await sql.query(statement);
      await sql.query('INSERT INTO holdback_migrations (version, applied_at) VALUES ($1, now())', [version]);
    });
  }
  const [newest] = await db.query<{ version: number }>('SELECT max(version) AS version FROM holdback_migrations');
  if (newest && newest.version > STEPS.length) {
    throw new Error(`the database has schema version ${newest.version}, newer than this receiver's ${STEPS.length}: upgrade @holdback/receiver`);
  }
}
