import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';

// The receiver as people run it: the built CLI in a process of its own.
export const RECEIVER = new URL('../packages/receiver/dist/bin.js', import.meta.url).pathname;
export const ORIGIN = 'http://shop.test';
export const TOKEN = 'e2e-admin-token';

export interface Running {
  url: string;
  child: ChildProcess;
  stderr(): string;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<number | null>;
}

/** Starts `holdback-receiver serve` on a free port; resolves once it listens. */
export function startReceiver(args: string[], env: Record<string, string> = {}, node = process.execPath): Promise<Running> {
  const child = spawn(node, [RECEIVER, 'serve', '--port', '0', '--origin', ORIGIN, '--rate-limit', '0', ...args], {
    env: { ...process.env, HOLDBACK_RECEIVER_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the receiver did not start in 60 s:\n${stderr}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const listening = /listening on (http:\/\/[^\s]+)/.exec(stderr);
      if (listening) {
        clearTimeout(timer);
        resolve({
          url: listening[1]!,
          child,
          stderr: () => stderr,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the receiver exited with ${code}:\n${stderr}`));
    });
  });
}

/** Runs a receiver command to its end. */
export function runReceiver(args: string[], env: Record<string, string> = {}, node = process.execPath): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(node, [RECEIVER, ...args], { env: { ...process.env, ...env }, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

export function recordFor(id = randomUUID(), time = new Date().toISOString(), extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id,
    time,
    action: 'accept-all',
    source: 'banner',
    categories: { necessary: true, preferences: true, statistics: true, marketing: true },
    services: {},
    regime: 'opt-in',
    gpc: false,
    language: 'en',
    revision: 1,
    noticeHash: null,
    url: `${ORIGIN}/`,
    userAgent: 'e2e',
    ...extra,
  });
}

/**
 * Posts records from `workers` loops until `until` resolves; resolves to the
 * consent IDs that got a 204. Requests cut off by a dying receiver are not acknowledged.
 */
export async function postUntil(urls: string[], until: Promise<unknown>, workers = 20): Promise<string[]> {
  const acknowledged: string[] = [];
  let done = false;
  until.then(() => (done = true));
  let n = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (!done) {
        const id = randomUUID();
        const url = urls[(n++ + w) % urls.length]!;
        try {
          const response = await fetch(`${url}/v1/records`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'text/plain' }, body: recordFor(id) });
          if (response.status === 204) acknowledged.push(id);
          else if (response.status !== 503) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected')) throw error;
          // The receiver was killed under this request: it was never acknowledged.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }),
  );
  return acknowledged;
}
