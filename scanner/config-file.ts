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
    // The script runs in a context of its own with a bare `window`, so that the
    // snippet a site pastes works as it is. It is the user's own file: this is
    // no security boundary (node:vm is not one), only a clean place to run it.
    const sandbox: { window: Record<string, unknown> } = { window: Object.create(null) };
    try {
      runInNewContext(text, sandbox, { timeout: 1000, filename: path });
    } catch (error) {
      throw new UsageError(`the config script ${path} failed: ${(error as Error).message.split('\n')[0]}`);
    }
    if (sandbox.window.consentConfig === undefined) throw new UsageError(`the config script ${path} does not set window.consentConfig`);
    try {
      config = fromSandbox(sandbox.window.consentConfig, new Set());
    } catch {
      throw new UsageError(`the config in ${path} refers to itself (a cycle), which a config cannot`);
    }
  }
  const problems = validateConfig(config);
  if (problems.length) throw new UsageError(`the config in ${path} has ${problems.length} problem(s):\n  ${problems.join('\n  ')}`);
  return config as Config;
}

// Objects made in the sandbox belong to another realm (their prototypes are
// not this realm's): copied into plain ones here, regular expressions kept.
function fromSandbox(value: unknown, above: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Object.prototype.toString.call(value) === '[object RegExp]') {
    const { source, flags } = value as RegExp;
    return new RegExp(source, flags);
  }
  if (above.has(value)) throw new Error('cycle');
  const inner = new Set(above).add(value);
  if (Array.isArray(value)) return value.map((item) => fromSandbox(item, inner));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fromSandbox(item, inner)]));
}
