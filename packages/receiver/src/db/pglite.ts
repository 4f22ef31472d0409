import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Sql } from './database.js';
import { lockFolder } from './lock.js';

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, its data in a
 * folder. It does not fsync: a commit survives the process being killed, not
 * the machine losing power.
 */
export async function openPglite(folder: string): Promise<Database> {
  const dataDir = resolve(folder);
  const release = lockFolder(dataDir);
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir });
  } catch (error) {
    release();
    throw error;
  }
  const sql = (runner: Pick<PGlite, 'query'>): Sql => ({
    async query<Row>(text: string, params?: unknown[]) {
      return (await runner.query<Row>(text, params)).rows;
    },
  });
  return {
    engine: 'pglite',
    location: dataDir,
    ...sql(db),
    transaction: (work) => db.transaction((tx) => work(sql(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        release();
      }
    },
  };
}
