// --baseline: a previous JSON report; only findings it lacks fail the scan.
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors';
import type { Finding } from '../types';

export function readBaseline(path: string): Set<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `the baseline ${path} does not exist` : `the baseline ${path} is not a JSON report (${(error as Error).message})`);
  }
  const findings = (parsed as { findings?: unknown })?.findings;
  if ((parsed as { version?: unknown })?.version !== 1 || !Array.isArray(findings)) {
    throw new UsageError(`the baseline ${path} is not a holdback scan report (version 1, made with --json)`);
  }
  return new Set(findings.map((f: { id?: unknown }) => (typeof f?.id === 'string' ? f.id : '')).filter(Boolean));
}

/** Marks each finding new or known. */
export function compare(findings: Finding[], known: Set<string> | null): Finding[] {
  return findings.map((finding) => ({ ...finding, new: known ? !known.has(finding.id) : true }));
}
