// --config: the site's holdback config, as JSON or as the script that sets
// window.consentConfig (the snippet sites paste), checked like the drop-in checks it.
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { validateConfig } from '../src/config/validate';
import type { Config } from '../src/config/types';
import { UsageError } from './errors';

export function readConfig(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError((error as NodeJS.ErrnoException).code === 'ENOENT' ? `the config file ${path} does not exist` : `the config file ${path} cannot be read`);
  }
  let config: unknown;
  if (/\.json$/i.test(path)) {
    try {
      config = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    // The script runs in an empty sandbox with a bare `window`: it can set
    // window.consentConfig but reach nothing else (no require, no process).
    const sandbox: { window: Record<string, unknown> } = { window: {} };
    try {
      runInNewContext(text, sandbox, { timeout: 1000, filename: path });
    } catch (error) {
      throw new UsageError(`the config script ${path} failed: ${(error as Error).message.split('\n')[0]}`);
    }
    if (sandbox.window.consentConfig === undefined) throw new UsageError(`the config script ${path} does not set window.consentConfig`);
    config = fromSandbox(sandbox.window.consentConfig);
  }
  const problems = validateConfig(config);
  if (problems.length) throw new UsageError(`the config in ${path} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return config as Config;
}

// Objects made in the sandbox belong to another realm (their prototypes are
// not this realm's): copied into plain ones here, regular expressions kept.
function fromSandbox(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Object.prototype.toString.call(value) === '[object RegExp]') {
    const { source, flags } = value as RegExp;
    return new RegExp(source, flags);
  }
  if (Array.isArray(value)) return value.map(fromSandbox);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromSandbox(item)]));
}
