import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ReceiverError } from './database.js';

const LOCK = 'holdback-receiver.lock';

/**
 * An exclusive lock on an embedded store's folder. Two processes on one PGlite
 * folder each keep their own copy of the database in memory and silently lose
 * each other's rows, so a second one is refused. A lock left by a process that
 * died (kill -9, a power cut) is taken over.
 */
export function lockFolder(folder: string): () => void {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, LOCK);
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, mine);
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
        } catch {
          // Already gone: nothing to release.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new ReceiverError(`cannot lock the data folder ${folder}: ${(error as Error).message}`);
      }
    }
    const holder = readHolder(path);
    if (holder && isAlive(holder)) {
      throw new ReceiverError(
        `the data folder ${folder} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
          'two processes on one embedded store would lose rows: stop that one, or use PostgreSQL (--database-url) for several instances',
      );
    }
    // Stale: moved aside atomically, so of two processes taking it over only one succeeds.
    try {
      renameSync(path, `${path}.stale-${process.pid}`);
      unlinkSync(`${path}.stale-${process.pid}`);
    } catch {
      // Another process took it over first: try again, and meet its lock.
    }
  }
  throw new ReceiverError(`cannot lock the data folder ${folder}: another process keeps taking the lock`);
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function readHolder(path: string): Holder | null {
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as Holder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder): boolean {
  // A lock from another machine (a shared folder) cannot be checked: it stands.
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
