import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { ORIGIN } from '../bench/receiver-load.js';

export { ORIGIN, postUntil } from '../bench/receiver-load.js';

// The receiver as people run it: the built CLI in a process of its own.
export const RECEIVER = new URL('../packages/receiver/dist/bin.js', import.meta.url).pathname;
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
export function runReceiver(
  args: string[],
  env: Record<string, string> = {},
  node = process.execPath,
): Promise<{ code: number; stdout: string; stderr: string }> {
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
