import { hostMaker } from '../shadow-host';
import css from './styles.css?inline';

/** A host for a piece of the UI (banner, preference center, each placeholder), all on one stylesheet. */
export const createHost = hostMaker(css);

/** `{service}` and the like in a text, filled in. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
