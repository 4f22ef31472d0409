// @ts-check
// The facts about the machine that every bench report opens with.
import { cpus, totalmem } from 'node:os';

/** @param {import('playwright-core').Browser} browser */
export function machineFacts(browser) {
  return {
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    chromium: browser.version(),
    node: process.version,
    date: new Date().toISOString().slice(0, 10),
  };
}
