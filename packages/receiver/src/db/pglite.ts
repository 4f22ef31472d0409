import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type Database, ReceiverError, type Sql } from './database.js';
import { lockFolder } from './lock.js';

type Reply = { id: number; rows?: unknown[]; error?: { message: string; code?: unknown } };

/**
 * The embedded store: PostgreSQL compiled to WebAssembly, its data in a
 * folder, run on a thread of its own (pglite-worker.js) so that writing a
 * batch does not hold up the requests. It does not fsync: a commit survives
 * the process being killed, not the machine losing power.
 */
export async function openPglite(folder: string): Promise<Database> {
  const dataDir = resolve(folder);
  const release = lockFolder(dataDir);
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: { dataDir } });
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(error: Error): void }>();
  let next = 0;
  let stopped: Error | null = null;

  const failAll = (error: Error) => {
    stopped ??= error;
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  worker.on('error', (error) => failAll(new Error(`the embedded store stopped: ${error.message}`)));
  worker.on('exit', () => failAll(new Error('the embedded store is closed')));

  try {
    await new Promise<void>((ready, fail) => {
      worker.once('message', (message: { ready: boolean; error?: { message: string } }) =>
        message.ready ? ready() : fail(new ReceiverError(`cannot open the embedded store in ${dataDir}: ${message.error?.message}`)),
      );
      worker.once('error', fail);
    });
  } catch (error) {
    await worker.terminate();
    release();
    throw error;
  }
  worker.on('message', (reply: Reply) => {
    const call = waiting.get(reply.id);
    if (!call) return;
    waiting.delete(reply.id);
    if (reply.error) call.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
    else call.resolve(reply.rows ?? []);
  });

  const send = (message: { text?: string; params?: unknown[]; close?: true }) =>
    new Promise<unknown[]>((resolve, reject) => {
      if (stopped) return reject(stopped);
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
  const run: Sql['query'] = async <Row>(text: string, params?: unknown[]) => (await send({ text, params })) as Row[];

  // One connection, used in the order asked for: a transaction starts after
  // the one asked for before it has ended, and a statement asked for after a
  // transaction runs after that transaction.
  let last: Promise<void> = Promise.resolve();
  return {
    engine: 'pglite',
    location: dataDir,
    async query<Row>(text: string, params?: unknown[]) {
      await last;
      return run<Row>(text, params);
    },
    async transaction(work) {
      let end!: () => void;
      const before = last;
      last = new Promise<void>((resolve) => {
        end = resolve;
      });
      await before;
      try {
        await run('BEGIN');
        const result = await work({ query: run });
        await run('COMMIT');
        return result;
      } catch (error) {
        await run('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        end();
      }
    },
    async close() {
      try {
        await last;
        await send({ close: true });
      } finally {
        await worker.terminate();
        release();
      }
    },
  };
}
