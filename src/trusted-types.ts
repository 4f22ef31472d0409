import { logError } from './log';

// Under Trusted Types (`require-trusted-types-for 'script'`) a script's text
// and address must come through a policy. holdback's is named "holdback"
// (sites list it in `trusted-types`; never "default"), is made the first time
// it is needed, so that a page that never releases a script never meets it,
// and stays inside this module. It passes on only what holdback itself puts
// into a script: the text and address of a held script the site wrote, the
// address of holdback's own files, and markup auto-blocking rewrote (which it
// only ever makes fetch less).

type Pass = (value: string) => string;
interface Policy {
  createScript: Pass;
  createScriptURL: Pass;
  createHTML: Pass;
}
interface Factory {
  createPolicy(name: string, rules: Record<keyof Policy, Pass>): Policy;
  isHTML(value: unknown): boolean;
}

let policy: Policy | null | undefined;
const same: Pass = (value) => value;

function ours(): Policy | null {
  if (policy === undefined) {
    policy = null;
    const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;
    if (factory) {
      try {
        policy = factory.createPolicy('holdback', { createScript: same, createScriptURL: same, createHTML: same });
      } catch (error) {
        logError(
          "the page's Trusted Types policy refuses holdback's own (named holdback): add holdback to the trusted-types directive, or held scripts cannot run.",
          error,
        );
      }
    }
  }
  return policy;
}

// Each returns the value as the DOM takes it: a trusted value where there is a
// policy, the string itself where the browser has no Trusted Types.
/** A held script's text, for `script.text`. */
export const trustedScript = (text: string): string => ours()?.createScript(text) ?? text;
/** An address for a script's `src`. */
export const trustedScriptUrl = (url: string): string => ours()?.createScriptURL(url) ?? url;
/**
 * Markup for innerHTML and its kin that auto-blocking parses and rewrites:
 * trusted again only if the page's own was (a plain string stays plain, and
 * the browser judges it as it would have without holdback).
 */
export function sameTrust(original: unknown, html: string): string {
  const factory = (globalThis as { trustedTypes?: Factory }).trustedTypes;
  return factory?.isHTML(original) ? (ours()?.createHTML(html) ?? html) : html;
}
