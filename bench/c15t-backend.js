// @ts-check
// c15t's backend (@c15t/backend, from npm) on loopback for the receiver's
// bench: its Kysely adapter on PostgreSQL, its tables made by the migrator its
// CLI runs, served by @hono/node-server like our receiver, and the request its
// browser client sends to record one decision. It runs in a process of its
// own, as our receiver does, so that autocannon does not share its thread.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { c15tInstance } from '@c15t/backend';
import { kyselyAdapter } from '@c15t/backend/db/adapters/kysely';
import { migrator } from '@c15t/backend/db/migrator';
import { DB } from '@c15t/backend/db/schema';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { ORIGIN } from './receiver-load.js';

const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ACTIONS = /** @type {const} */ (['all', 'necessary', 'custom']);
const SELF = fileURLToPath(import.meta.url);

/**
 * Starts c15t's backend on 127.0.0.1 (a free port) with its storage on the
 * PostgreSQL at `databaseUrl`, an empty database made for the run.
 * @param {{ databaseUrl: string }} options
 */
export async function startC15t({ databaseUrl }) {
  // Its stdin is a lifeline: when the bench dies without stop(), c15t stops too.
  const child = spawn(process.execPath, [SELF], {
    env: { ...process.env, C15T_BENCH_DATABASE_URL: databaseUrl },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // What it says until it listens explains a failed start; after that it is not read.
  let output = '';
  /** @type {string} */
  const url = await new Promise((resolve, reject) => {
    /** @param {Buffer} chunk */
    const hear = (chunk) => {
      output += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(output);
      if (!listening) return;
      child.stdout.off('data', hear).resume();
      child.stderr.off('data', hear).resume();
      resolve(listening[1] ?? '');
    };
    child.stdout.on('data', hear);
    child.stderr.on('data', hear);
    exited.then((code) => reject(new Error(`c15t's backend exited with ${code}: ${output}`)));
  });

  /** @type {Promise<void> | undefined} */
  let stopped;
  return {
    url,
    pid: child.pid,
    /** What c15t's client (hosted mode) sends from a page on ORIGIN when a visitor decides. */
    recordRequest: {
      method: /** @type {const} */ ('POST'),
      path: '/subjects',
      headers: {
        origin: ORIGIN,
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'accept-language': 'en',
        // The visitor's country, as the CDN in front of c15t would say: GDPR, so /init gives the
        // client the opt-in model the body carries. On loopback nothing else would tell it.
        'x-c15t-country': 'DE',
      },
      body: decisionBody,
    },
    /** Consent records stored, counted in c15t's `consent` table. */
    async count() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM consent');
        return Number(rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    },
    /** Lets c15t finish what it has started, closes its connections and waits for its exit. */
    stop() {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        await exited;
      })();
      return stopped;
    },
  };
}

/**
 * The process startC15t spawns: migrates, serves, and stops on SIGTERM or when its stdin closes.
 * @param {string} databaseUrl
 */
async function serveC15t(databaseUrl) {
  // The pool as c15t's database guide writes it (pg's default of 10 connections).
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // pg reports an idle connection the server ends on the pool; unheard, it would end the process.
  pool.on('error', () => {});
  const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
  const adapter = kyselyAdapter({ db, provider: 'postgresql' });
  // What `c15t self-host migrate` does once its prompts are answered.
  const migration = await migrator({ db: DB.client(adapter), schema: 'latest' });
  if (!('execute' in migration)) throw new Error('the Kysely adapter gave no migration to run');
  await migration.execute();

  const c15t = c15tInstance({ appName: 'bench', adapter, trustedOrigins: [ORIGIN] });
  // Answers still being worked out when autocannon hangs up keep using the pool.
  /** @type {Set<Promise<Response>>} */
  const working = new Set();
  /** @param {Request} request */
  const handle = (request) => {
    const answer = c15t.handler(request);
    const done = () => working.delete(answer);
    working.add(answer);
    answer.then(done, done);
    return answer;
  };
  const server = serve({ fetch: handle, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : 0;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await new Promise((resolve) => {
      server.close(resolve);
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
    await Promise.allSettled(working);
    await closed(pool, () => db.destroy());
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.stdin.once('close', stop).resume();
}

/**
 * Runs `end` and waits until every connection of `pool` is closed, not only
 * handed back: pg's end() settles before its connections say goodbye.
 * @param {pg.Pool} pool
 * @param {() => Promise<void>} end
 */
async function closed(pool, end) {
  let open = pool.totalCount;
  const gone = new Promise((resolve) => {
    if (open === 0) resolve(undefined);
    pool.on('remove', () => {
      if (--open === 0) resolve(undefined);
    });
  });
  await end();
  await gone;
}

/**
 * The body of c15t's `saveConsents` for decision `n`: a new subject each time
 * (a first visit), so no two bodies are alike even when `n` repeats.
 * @param {number} n
 */
function decisionBody(n) {
  const action = ACTIONS[n % 3] ?? 'custom';
  const all = action === 'all';
  const custom = action === 'custom';
  return JSON.stringify({
    type: 'cookie_banner',
    domain: new URL(ORIGIN).hostname,
    preferences: {
      necessary: true,
      functionality: all || (custom && n % 2 === 0),
      measurement: all || custom,
      marketing: all,
    },
    subjectId: subjectId(),
    jurisdiction: 'GDPR',
    jurisdictionModel: 'opt-in',
    givenAt: Date.now(),
    uiSource: n % 5 === 0 ? 'dialog' : 'banner',
    consentAction: action,
  });
}

/** `sub_` and base58 of 8 bytes of time since c15t's epoch and 12 random bytes, as c15t's generateSubjectId. */
function subjectId() {
  const bytes = crypto.getRandomValues(new Uint8Array(20));
  new DataView(bytes.buffer).setBigUint64(0, BigInt(Date.now() - 1_700_000_000_000));
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  let text = '';
  while (value > 0n) {
    text = BASE58[Number(value % 58n)] + text;
    value /= 58n;
  }
  const zeros = bytes.findIndex((byte) => byte !== 0);
  return `sub_${'1'.repeat(zeros < 0 ? bytes.length : zeros)}${text}`;
}

if (process.argv[1] === SELF) {
  serveC15t(process.env.C15T_BENCH_DATABASE_URL ?? '').catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
