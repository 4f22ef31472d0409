import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ReceiverError } from './database.js';

const LOCK = 'holdback-receiver.lock';

/** The folders this process holds: a lock with our PID that is not here was left by another process. */
const held = new Set<string>();

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
  // Written whole beside it, then linked into place: nobody ever reads a lock half written.
  const draft = `${path}.${process.pid}-${Date.now()}`;
  writeFileSync(draft, mine);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, path);
        held.add(path);
        let released = false;
        return () => {
          if (released) return;
          released = true;
          held.delete(path);
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
      takeOverIfStale(folder, path);
    }
  } finally {
    unlinkSync(draft);
  }
  throw new ReceiverError(`cannot lock the data folder ${folder}: another process keeps taking the lock`);
}

/** Moves a dead process's lock aside; a live one is refused with its PID. */
function takeOverIfStale(folder: string, path: string): void {
  const text = readText(path);
  if (text === null) return;
  const holder = parseHolder(text);
  if (holder && isAlive(holder, path)) {
    throw new ReceiverError(
      `the data folder ${folder} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}); ` +
        'two processes on one embedded store would lose rows: stop that one, or use PostgreSQL (--database-url) for several instances; ' +
        `if that process is gone (the folder moved from another machine), delete ${path}`,
    );
  }
  // Stale: moved aside atomically, so of two processes taking it over only one moves it.
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return; // Another process moved it first: try again, and meet its lock.
  }
  // What was moved may be a fresh lock another process made after we read the stale one: put it back.
  if (readText(aside) !== text) {
    try {
      linkSync(aside, path);
    } catch {
      // A third lock is there already: it stands.
    }
  }
  unlinkSync(aside);
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

function parseHolder(text: string): Holder | null {
  try {
    const holder = JSON.parse(text) as Holder;
    return typeof holder.pid === 'number' ? holder : null;
  } catch {
    return null;
  }
}

function isAlive(holder: Holder, path: string): boolean {
  // A lock from another machine (a shared folder) cannot be checked: it stands.
  if (holder.host !== hostname()) return true;
  // Our own PID: ours if we hold it; otherwise left by an earlier process that had it (a restarted container).
  if (holder.pid === process.pid) return held.has(path);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
