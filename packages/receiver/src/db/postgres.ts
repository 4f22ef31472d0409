import pg from 'pg';
import { type Database, ReceiverError } from './database.js';

/** PostgreSQL through a small pool; several receivers may share one database. */
export async function openPostgres(url: string, poolSize = 8): Promise<Database> {
  let location: string;
  try {
    const parsed = new URL(url);
    parsed.password = parsed.password ? '***' : '';
    location = parsed.toString();
  } catch {
    throw new ReceiverError('the database URL is not a URL (expected postgres://user:password@host:5432/database)');
  }
  // A host that drops packets must fail in seconds, not after TCP's two minutes.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its server must not crash the receiver.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw new ReceiverError(`cannot connect to PostgreSQL at ${location}: ${(error as Error).message}`);
  }
  return {
    engine: 'postgresql',
    location,
    async query<Row>(text: string, params?: unknown[], name?: string) {
      return (await pool.query({ text, values: params, name: name && `holdback_${name}` })).rows as Row[];
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work({ query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[] });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
