import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { openPglite } from './db/pglite.js';
import { openPostgres } from './db/postgres.js';
import { ConsentLog } from './log.js';

export interface StoreOptions {
  /** PostgreSQL when given; the embedded store in `data` otherwise. */
  databaseUrl?: string | null;
  data?: string;
}

export const DEFAULT_DATA = './holdback-records';

export async function openDatabase(options: StoreOptions): Promise<Database> {
  const db = options.databaseUrl ? await openPostgres(options.databaseUrl) : await openPglite(options.data ?? DEFAULT_DATA);
  try {
    await migrate(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

export async function openLog(options: StoreOptions): Promise<ConsentLog> {
  return new ConsentLog(await openDatabase(options));
}
