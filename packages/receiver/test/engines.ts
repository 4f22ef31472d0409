import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ConsentLog } from '../src/log.js';
import { openLog } from '../src/store.js';

/** The PostgreSQL the tests make their databases in; `.ci/run` installs and starts it. */
export const ADMIN_URL = process.env.HOLDBACK_TEST_POSTGRES ?? 'postgres://holdback:holdback@127.0.0.1:5432/postgres';

/** A database of its own on the test PostgreSQL; fails loudly, never skips, when there is none. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `holdback_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). ` +
        'The receiver is tested on PostgreSQL too: run `bash .ci/run`, which installs and starts it, or start one and set HOLDBACK_TEST_POSTGRES.',
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface Engine {
  name: 'pglite' | 'postgresql';
  /** A new, empty store, and how to throw it away. */
  open(): Promise<{ log: ConsentLog; where: { data?: string; databaseUrl?: string }; dispose(): Promise<void> }>;
}

export const ENGINES: Engine[] = [
  {
    name: 'pglite',
    async open() {
      const data = mkdtempSync(join(tmpdir(), 'holdback-receiver-'));
      const log = await openLog({ data });
      return {
        log,
        where: { data },
        async dispose() {
          await log.db.close().catch(() => {});
          rmSync(data, { recursive: true, force: true });
        },
      };
    },
  },
  {
    name: 'postgresql',
    async open() {
      const database = await freshPostgres();
      const log = await openLog({ databaseUrl: database.url });
      return {
        log,
        where: { databaseUrl: database.url },
        async dispose() {
          await log.db.close().catch(() => {});
          await database.drop();
        },
      };
    },
  },
];

export const ORIGIN = 'https://shop.example';

let counter = 0;

/** A record as the drop-in sends it; each call a new consent ID unless one is given. */
export function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    id: `test-${process.pid}-${counter}`,
    time: '2026-12-01T10:00:00.123Z',
    action: 'custom',
    source: 'banner',
    categories: { necessary: true, preferences: false, statistics: true, marketing: false },
    services: {},
    regime: 'opt-in',
    gpc: false,
    language: 'en',
    revision: 1,
    noticeHash: null,
    url: `${ORIGIN}/checkout`,
    userAgent: 'Mozilla/5.0 (test)',
    ...overrides,
  };
}
