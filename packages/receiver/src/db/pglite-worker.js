// @ts-check
// The embedded store's own thread: PGlite (PostgreSQL in WebAssembly) runs its
// statements here, so that the HTTP thread reads, checks and answers requests
// while a batch is being written. Plain JavaScript, so that the same file runs
// from the sources in the tests and from dist; pglite.ts is its only caller.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @param {unknown} error */
const described = (error) => ({
  message: error instanceof Error ? error.message : String(error),
  code: /** @type {{ code?: unknown }} */ (error)?.code,
});

/** @type {PGlite} */
let db;
try {
  db = await PGlite.create({ dataDir: workerData.dataDir });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ ready: false, error: described(error) });
  port.close();
}

// PGlite runs one statement at a time, in the order they are asked for.
port.on('message', async (/** @type {{ id: number, text?: string, params?: unknown[], close?: true }} */ message) => {
  if (message.close) {
    try {
      await db.close();
      port.postMessage({ id: message.id });
    } catch (error) {
      port.postMessage({ id: message.id, error: described(error) });
    }
    port.close();
    return;
  }
  try {
    const { rows } = await db.query(/** @type {string} */ (message.text), message.params);
    port.postMessage({ id: message.id, rows });
  } catch (error) {
    port.postMessage({ id: message.id, error: described(error) });
  }
});
