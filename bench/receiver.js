// @ts-check
// npm run bench:receiver: the consent-log receiver under load, from this
// machine to loopback only, each run bounded in time and count. Figures and
// ratios, written to bench/receiver-results.md; nothing here is a pass/fail test.
//
// 1. POST /v1/records, 50 connections: holdback embedded (PGlite), holdback on
//    PostgreSQL and c15t's backend on PostgreSQL, in interleaved rounds.
// 2. GET /v1/records/:id with 1,000,000 records stored (PostgreSQL).
// 3. Two receivers on one PostgreSQL: the totals and the chain.
// 4. kill -9 in the middle of a load (both engines): what got a 204 is kept.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { startC15t } from './c15t-backend.js';
import { ORIGIN, lookupLoad, postLoad, postUntil, recordBody } from './receiver-load.js';

const RECEIVER = new URL('../packages/receiver/dist/bin.js', import.meta.url).pathname;
const ADMIN_URL = process.env.HOLDBACK_TEST_POSTGRES ?? 'postgres://holdback:holdback@127.0.0.1:5432/postgres';
const TOKEN = 'bench-token';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const LOOKUP_RECORDS = Number(process.env.BENCH_LOOKUP_RECORDS ?? 1_000_000);
const temp = mkdtempSync(join(tmpdir(), 'holdback-receiver-bench-'));
/** @type {(() => Promise<void>)[]} */
const cleanup = [];

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function database() {
  const name = `holdback_bench_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (${/** @type {Error} */ (error).message}); run bash .ci/run or set HOLDBACK_TEST_POSTGRES`,
    );
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  cleanup.push(async () => {
    const client = new pg.Client({ connectionString: ADMIN_URL });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  return url.toString();
}

/**
 * @param {string[]} store
 * @returns {Promise<{ url: string, child: import('node:child_process').ChildProcess, stop(): Promise<void> }>}
 */
function receiver(store) {
  const child = spawn(process.execPath, [RECEIVER, 'serve', '--port', '0', '--origin', ORIGIN, '--rate-limit', '0', '--no-prune', ...store], {
    env: { ...process.env, HOLDBACK_RECEIVER_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      const listening = /listening on (http:\/\/\S+)/.exec(stderr);
      if (listening) {
        const stop = async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          await new Promise((done) => child.once('exit', done));
        };
        cleanup.push(stop);
        resolve({ url: listening[1] ?? '', child, stop });
      }
    });
    child.once('exit', (code) => reject(new Error(`the receiver exited with ${code}: ${stderr}`)));
  });
}

/**
 * CPU seconds a process has used so far (Linux's /proc; null elsewhere): how
 * the machine's two cores were shared between the server, its database and
 * the load generator.
 * @param {number | string | undefined} pid
 */
function cpuOf(pid, { reaped = false } = {}) {
  const fields = stat(pid);
  if (!fields) return null;
  // utime and stime; cutime and cstime add the children that ended and were waited for.
  const own = Number(fields[11]) + Number(fields[12]);
  return (reaped ? own + Number(fields[13]) + Number(fields[14]) : own) / TICKS;
}
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/**
 * The fields of /proc/PID/stat from the third (the state) on, or null.
 * @param {number | string | undefined} pid
 */
function stat(pid) {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
  } catch {
    return null; // not Linux, or the process has ended
  }
}

/**
 * CPU seconds of PostgreSQL on this machine: its processes still running, and
 * through the postmaster's count of its reaped children those that ended (a
 * connection closed, an autovacuum worker done).
 */
function postgresCpu() {
  const postgres = readdirSync('/proc').filter((pid) => /^\d+$/.test(pid) && readComm(pid) === 'postgres');
  let total = 0;
  for (const pid of postgres) {
    const parent = stat(pid)?.[1];
    const postmaster = !postgres.includes(parent ?? '');
    total += cpuOf(pid, { reaped: postmaster }) ?? 0;
  }
  return total;
}

/** @param {string} pid */
function readComm(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/**
 * Runs one load and what each part cost in CPU per record: the server process
 * (with PGlite, its store too), PostgreSQL, and this process (autocannon).
 * @param {number | undefined} pid
 * @param {() => Promise<Load>} load
 * @returns {Promise<Load & { cpu: { server: number, database: number, load: number } }>}
 */
async function measured(pid, load) {
  const before = { server: cpuOf(pid) ?? 0, database: postgresCpu(), load: process.cpuUsage() };
  const result = await load();
  const records = Math.max(1, result.ok);
  const used = process.cpuUsage(before.load);
  const perRecord = (/** @type {number} */ seconds) => (seconds * 1000) / records;
  return {
    ...result,
    cpu: {
      server: perRecord((cpuOf(pid) ?? 0) - before.server),
      database: perRecord(postgresCpu() - before.database),
      load: perRecord((used.user + used.system) / 1e6),
    },
  };
}

/** @param {string} url */
async function verdict(url) {
  const response = await fetch(`${url}/v1/verify`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return /** @type {{ ok: boolean, entries: number, records: number }} */ (await response.json());
}

/** @param {string[]} args */
function cli(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RECEIVER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => resolve({ code, out }));
  });
}

/** @param {number} n */
const ms = (n) => `${n.toFixed(0)} ms`;
/** @param {number} n */
const rate = (n) => `${Math.round(n).toLocaleString('en')}/s`;
/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** @type {string[]} */
const lines = [];
const say = (/** @type {string} */ line) => {
  console.log(line);
  lines.push(line);
};

try {
  const pgliteStore = ['--data', join(temp, 'embedded')];
  const pgUrl = await database();
  const embedded = await receiver(pgliteStore);
  const onPostgres = await receiver(['--database-url', pgUrl]);
  const c15t = await startC15t({ databaseUrl: await database() });
  cleanup.push(() => c15t.stop());

  /** @type {Record<string, ((seconds: number) => ReturnType<typeof measured>)>} */
  const systems = {
    'holdback, embedded (PGlite)': (seconds) => measured(embedded.child.pid, () => postLoad(embedded.url, { seconds })),
    'holdback, PostgreSQL': (seconds) => measured(onPostgres.child.pid, () => postLoad(onPostgres.url, { seconds })),
    "c15t's backend, PostgreSQL": (seconds) => measured(c15t.pid, () => c15tLoad(c15t, seconds)),
  };
  // A short warm-up each, then interleaved rounds.
  for (const run of Object.values(systems)) await run(2);
  /** @type {Record<string, Awaited<ReturnType<typeof measured>>[]>} */
  const results = Object.fromEntries(Object.keys(systems).map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, run] of Object.entries(systems)) {
      const result = await run(SECONDS);
      results[name]?.push(result);
      console.log(`  round ${round + 1} ${name}: ${rate(result.rate)}, p99 ${ms(result.p99)}, ${result.other} not 2xx`);
    }
  }
  say(`## POST records: 50 connections, ${ROUNDS} interleaved rounds of ${SECONDS} s (medians)\n`);
  say('| system | records/s | p50 | p99 | not 2xx | CPU per record: server | PostgreSQL | load generator | cores busy |');
  say('|---|---|---|---|---|---|---|---|---|');
  for (const [name, list] of Object.entries(results)) {
    const cpu = (/** @type {'server' | 'database' | 'load'} */ part) => median(list.map((r) => r.cpu[part]));
    const busy = median(list.map((r) => ((r.cpu.server + r.cpu.database + r.cpu.load) * r.rate) / 1000));
    say(
      `| ${name} | ${rate(median(list.map((r) => r.rate)))} | ${ms(median(list.map((r) => r.p50)))} | ${ms(median(list.map((r) => r.p99)))} | ${list.reduce((sum, r) => sum + r.other, 0)} | ` +
        `${cpu('server').toFixed(3)} ms | ${cpu('database').toFixed(3)} ms | ${cpu('load').toFixed(3)} ms | ${busy.toFixed(2)} of ${cpus().length} |`,
    );
  }
  say(
    '\nCPU per record is CPU time over the records answered with a 2xx, from /proc: the server process (the embedded store runs inside it), every PostgreSQL process, and the bench process that runs autocannon.',
  );
  const pgRate = median((results['holdback, PostgreSQL'] ?? []).map((r) => r.rate));
  const c15tRate = median((results["c15t's backend, PostgreSQL"] ?? []).map((r) => r.rate));
  say(`\nholdback on PostgreSQL / c15t's backend on PostgreSQL: ${(pgRate / c15tRate).toFixed(2)}× the records per second.`);
  for (const [name, url] of [
    ['embedded', embedded.url],
    ['PostgreSQL', onPostgres.url],
  ]) {
    const v = await verdict(url ?? '');
    say(`holdback ${name}: chain ${v.ok ? 'verified' : 'BROKEN'} over ${v.entries.toLocaleString('en')} entries.`);
  }
  say(`c15t's backend stored ${(await c15t.count()).toLocaleString('en')} records.`);
  await embedded.stop();
  await onPostgres.stop();
  await c15t.stop();

  // 2. Lookups with a million records stored.
  const lookupUrl = await database();
  // The built receiver, as the CLI runs it (a path, so that type checking does not need a build first).
  const { openLog, parseRecord } = await import(new URL('../packages/receiver/dist/index.js', import.meta.url).href);
  const log = await openLog({ databaseUrl: lookupUrl });
  const filled = Date.now();
  /** @type {string[]} */
  const ids = [];
  for (let n = 0; n < LOOKUP_RECORDS; ) {
    const batch = [];
    for (let i = 0; i < 5000 && n < LOOKUP_RECORDS; i++, n++) {
      const parsed = parseRecord(recordBody(n, filled));
      if (!parsed.ok) throw new Error(parsed.reason);
      if (n % 97 === 0) ids.push(parsed.value.id);
      batch.push({ record: parsed.value, ipPrefix: null });
    }
    await log.append(batch);
  }
  // Measured in a steady state: after the fill's own vacuum, not during it.
  await log.db.query('VACUUM ANALYZE entries');
  await log.db.close();
  say(`\n## GET /v1/records/:id with ${LOOKUP_RECORDS.toLocaleString('en')} records stored (PostgreSQL)\n`);
  say(`filled in ${((Date.now() - filled) / 1000).toFixed(0)} s through the log's own group append`);
  const lookups = await receiver(['--database-url', lookupUrl]);
  await lookupLoad(lookups.url, ids, TOKEN, { connections: 10, seconds: 5 });
  const lookup = await lookupLoad(lookups.url, ids, TOKEN, { connections: 10, seconds: SECONDS });
  say(`${rate(lookup.rate)}, p50 ${ms(lookup.p50)}, p99 ${ms(lookup.p99)}, ${lookup.other} not 2xx (10 connections, ${SECONDS} s)`);
  await lookups.stop();

  // 3. Two receivers on one PostgreSQL.
  const sharedUrl = await database();
  const [a, b] = await Promise.all([receiver(['--database-url', sharedUrl]), receiver(['--database-url', sharedUrl])]);
  const [loadA, loadB] = await Promise.all([
    postLoad(a.url, { connections: 25, seconds: SECONDS }),
    postLoad(b.url, { connections: 25, seconds: SECONDS }),
  ]);
  const shared = await verdict(a.url);
  say(`\n## Two receivers on one PostgreSQL (25 connections each, ${SECONDS} s)\n`);
  say(
    `${rate(loadA.rate + loadB.rate)} together (p99 ${ms(Math.max(loadA.p99, loadB.p99))}); 204s counted: ${(loadA.ok + loadB.ok).toLocaleString('en')}, ` +
      `records kept: ${shared.records.toLocaleString('en')} (autocannon does not count the answers still in flight when a run ends), chain ${shared.ok ? 'verified' : 'BROKEN'}.`,
  );
  await a.stop();
  await b.stop();

  // 4. kill -9 under load.
  say('\n## kill -9 in the middle of a load\n');
  for (const [name, store] of [
    ['embedded', ['--data', join(temp, 'killed')]],
    ['PostgreSQL', ['--database-url', await database()]],
  ]) {
    const victim = await receiver(/** @type {string[]} */ (store));
    const killed = sleep(3000).then(() => victim.child.kill('SIGKILL'));
    const acknowledged = await postUntil(
      [victim.url],
      killed.then(() => sleep(300)),
      50,
    );
    const exported = /** @type {{ code: number, out: string }} */ (await cli(['export', '--format', 'ndjson', .../** @type {string[]} */ (store)]));
    const kept = new Set(
      exported.out
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line).record.id),
    );
    const verified = /** @type {{ code: number, out: string }} */ (await cli(['verify', .../** @type {string[]} */ (store)]));
    const lost = acknowledged.filter((id) => !kept.has(id)).length;
    say(`${name}: ${acknowledged.length.toLocaleString('en')} acknowledged before the kill, ${lost} of them lost; ${verified.out.trim()}`);
  }
} finally {
  for (const step of cleanup.reverse()) await step().catch(() => {});
  rmSync(temp, { recursive: true, force: true });
}

writeFileSync(
  new URL('./receiver-results.md', import.meta.url),
  `# Receiver bench\n\n\`npm run bench:receiver\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} cores, load generator on the same machine.\n\n${lines.join('\n')}\n`,
);

/** @typedef {{ rate: number, p50: number, p99: number, ok: number, other: number }} Load */

/**
 * @param {Awaited<ReturnType<typeof startC15t>>} c15t
 * @param {number} seconds
 */
async function c15tLoad(c15t, seconds) {
  let n = 0;
  const request = c15t.recordRequest;
  const result = await autocannon({
    url: c15t.url,
    connections: 50,
    duration: seconds,
    maxOverallRequests: 500_000,
    requests: [{ method: request.method, path: request.path, headers: request.headers, setupRequest: (r) => ({ ...r, body: request.body(n++) }) }],
  });
  return {
    rate: result.requests.total / (result.duration || 1),
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}
