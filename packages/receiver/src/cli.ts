import { createWriteStream, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { ReceiverError } from './db/database.js';
import { backup, copy, restore } from './dump.js';
import { exportRecords } from './export.js';
import { createApp, parseRange } from './http/app.js';
import type { ConsentLog } from './log.js';
import { type Options, USAGE, parseOptions } from './options.js';
import { UNKNOWN_SITE, readSite } from './site.js';
import { openLog } from './store.js';
import { verify } from './verify.js';
import { GroupWriter } from './writer.js';

const say = (line: string) => process.stderr.write(`holdback-receiver: ${line}\n`);

/** Runs one command; resolves to the exit code. A user's mistake is one line, never a stack. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let options: Options | 'help';
  try {
    options = parseOptions(argv, env);
  } catch (error) {
    say((error as Error).message);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    return await run(options, env);
  } catch (error) {
    if (error instanceof ReceiverError) say(error.message);
    else say(`failed: ${(error as Error).message}`);
    return 2;
  }
}

async function run(options: Options, env: NodeJS.ProcessEnv): Promise<number> {
  const site = options.config ? readSite(options.config) : UNKNOWN_SITE;
  // Only serve and restore make a new embedded store: a mistyped --data elsewhere is an error, not an empty log.
  if (!options.databaseUrl && options.command !== 'serve' && options.command !== 'restore' && !existsSync(join(options.data, 'PG_VERSION'))) {
    throw new ReceiverError(`there is no receiver store in ${options.data} (give --data DIR, or --database-url)`);
  }
  if (options.databaseUrl === '') throw new ReceiverError('the database URL is empty');
  const log = await openLog({ data: options.data, databaseUrl: options.databaseUrl });
  if (options.command === 'serve') return serveLog(log, options, env, site);
  try {
    switch (options.command) {
      case 'verify': {
        const verdict = await verify(log);
        if (verdict.ok) {
          process.stdout.write(
            `chain verified: ${verdict.entries} entries (${verdict.records} records, ${verdict.pruned} pruned), ${verdict.notices} notices; head ${verdict.head.seq} ${verdict.head.hash}\n`,
          );
          return 0;
        }
        process.stdout.write(`chain broken at entry ${verdict.firstBad!.seq}: ${verdict.firstBad!.reason}\n`);
        return 1;
      }
      case 'prune': {
        const { count, seq } = await log.prune(site, options.holdDays);
        process.stdout.write(count ? `pruned ${count} records; prune entry ${seq}\n` : 'nothing to prune\n');
        return 0;
      }
      case 'export': {
        const range = parseRange(options.from, options.to, 0);
        if (typeof range === 'string') throw new ReceiverError(range);
        let out: NodeJS.WritableStream = process.stdout;
        if (options.out) {
          try {
            out = createWriteStream(options.out, { fd: openSync(options.out, 'w') });
          } catch (error) {
            throw new ReceiverError(`cannot write ${options.out}: ${(error as Error).message}`);
          }
        }
        for await (const line of exportRecords(log, range.from, range.to, options.format)) if (!out.write(line)) await once(out, 'drain');
        if (options.out) {
          (out as NodeJS.WritableStream).end();
          await once(out, 'finish');
        }
        return 0;
      }
      case 'backup': {
        const { entries, notices } = await backup(log, options.out!).catch((error: NodeJS.ErrnoException) => {
          throw error.code === 'EEXIST' ? new ReceiverError(`${options.out} exists already: a backup never overwrites a file`) : error;
        });
        process.stdout.write(`backed up ${entries} entries and ${notices} notices to ${options.out}\n`);
        return 0;
      }
      case 'restore': {
        const { entries, notices } = await restore(log, options.file!);
        return await report(log, `restored ${entries} entries and ${notices} notices`);
      }
      case 'migrate-to': {
        if (log.db.engine !== 'pglite') throw new ReceiverError('migrate-to moves the embedded store: give its --data folder, not DATABASE_URL');
        const target = await openLog({ databaseUrl: options.targetUrl });
        try {
          const { entries, notices } = await copy(log, target);
          return await report(target, `moved ${entries} entries and ${notices} notices to ${target.db.location}`);
        } finally {
          await target.db.close();
        }
      }
    }
  } finally {
    await log.db.close();
  }
}

async function report(log: ConsentLog, done: string): Promise<number> {
  const verdict = await verify(log);
  process.stdout.write(
    `${done}; ${verdict.ok ? `chain verified, head ${verdict.head.seq} ${verdict.head.hash}` : `chain broken at entry ${verdict.firstBad!.seq}: ${verdict.firstBad!.reason}`}\n`,
  );
  return verdict.ok ? 0 : 1;
}

async function serveLog(log: ConsentLog, options: Options, env: NodeJS.ProcessEnv, site: ReturnType<typeof readSite>): Promise<number> {
  const token = env.HOLDBACK_RECEIVER_TOKEN || null;
  const writer = new GroupWriter(log);
  const app = createApp({
    log,
    writer,
    origins: options.origins,
    site,
    token,
    trustProxy: options.trustProxy,
    keepIpPrefix: options.keepIpPrefix,
    refreshCookie: options.refreshCookie,
    rateLimit: options.rateLimit,
    dashboardDir: fileURLToPath(new URL('./dashboard/', import.meta.url)),
  });
  const prune = async () => {
    try {
      const { count, seq } = await log.prune(site, options.holdDays);
      if (count) say(`pruned ${count} records whose consent expired more than ${options.holdDays} days ago (prune entry ${seq})`);
    } catch (error) {
      say(`prune failed: ${(error as Error).message}`);
    }
  };
  if (options.prune) {
    await prune();
    setInterval(prune, 86_400_000).unref();
  }
  const server = serve({ fetch: app.fetch, port: options.port, hostname: options.host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ReceiverError(`port ${options.port} on ${options.host} is in use`) : error),
    );
  }).catch(async (error) => {
    await log.db.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  say(`listening on http://${options.host}:${port} (${log.db.engine}: ${log.db.location}); origins ${options.origins.join(', ')}`);
  if (!token) say('the admin API and the dashboard are off: set HOLDBACK_RECEIVER_TOKEN to use them');
  if (log.db.engine === 'pglite')
    say('embedded store: a commit survives a crash of this process, not a power cut (PGlite does not fsync); use PostgreSQL for more');
  return new Promise((resolve) => {
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      server.close();
      await writer.flushed();
      await log.db.close();
      say('stopped');
      resolve(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
