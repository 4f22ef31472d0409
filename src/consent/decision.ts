import { named } from '../config/names';
import type { Settings } from '../config/types';
import { NECESSARY, SALE_CATEGORY } from '../markup';
import type { Regime } from '../config/regime';

/** The visitor's choice, as stored and as `Consent.get()` returns it. */
export interface Decision {
  /** A random ID that ties this choice to its records; kept when the choice changes. */
  readonly id: string;
  /** Every category of the config, `necessary` always true. */
  readonly categories: Readonly<Record<string, boolean>>;
  /** Services the visitor decided on one by one; the others follow their category. */
  readonly services: Readonly<Record<string, boolean>>;
  /** The config revision the choice was made under. */
  readonly revision: number;
  /** ISO 8601 time of the decision. */
  readonly decidedAt: string;
  /** The regime the visitor is under on this page. */
  readonly regime: Regime;
}

// Choices are read as own properties only, through references taken when
// holdback loads: a page that adds `marketing` to Object.prototype, or
// replaces Object.prototype.hasOwnProperty or Reflect.apply, afterwards,
// cannot make a choice read as one that was never made.
const hasOwn = Object.prototype.hasOwnProperty;
const apply = Reflect.apply;
function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return apply(hasOwn, record, [key]) ? record[key] : undefined;
}

export function freezeDecision(decision: Decision): Decision {
  Object.freeze(decision.categories);
  Object.freeze(decision.services);
  return Object.freeze(decision);
}

/** Category and service choices to apply; what is not named keeps its current value. */
export interface Choices {
  [category: string]: boolean | Record<string, boolean> | undefined;
  services?: Record<string, boolean>;
}

export interface Change {
  /** Categories and services allowed now that were not before. */
  granted: string[];
  /** Categories and services allowed before that are not now. */
  withdrawn: string[];
  decision: Decision | null;
}

/** The names a decision speaks about: categories then services, in config order. */
export function allNames(settings: Settings): string[] {
  return settings.categories.flatMap((category) => [category.name, ...category.services.map((service) => service.name)]);
}

/**
 * Whether a category or service is allowed. Unknown names never are. Before a
 * decision, optional ones are allowed only under opt-out; a Global Privacy
 * Control signal, where honoured, keeps sale and sharing (marketing) refused.
 */
export function isAllowed(settings: Settings, decision: Decision | null, name: string): boolean {
  if (name === NECESSARY) return true;
  const found = named(settings, name);
  if (!found) return false;
  const { category, service } = found;
  if (category.required) return true;
  if (gpcRefuses(settings, category.name)) return false;
  if (!decision) return settings.regime === 'opt-out';
  return (service ? (own(decision.services, name) ?? own(decision.categories, category.name)) : own(decision.categories, name)) === true;
}

/** Whether the browser's Global Privacy Control signal keeps a category refused here. */
export function gpcRefuses(settings: Settings, category: string): boolean {
  return category === SALE_CATEGORY && settings.gpc.honoured && settings.gpc.signal;
}

export function isKnown(settings: Settings, name: string): boolean {
  return named(settings, name) !== undefined;
}

/** What became allowed and what stopped being allowed between two decisions. */
export function compare(settings: Settings, before: Decision | null, after: Decision | null): Change {
  const granted: string[] = [];
  const withdrawn: string[] = [];
  for (const name of allNames(settings)) {
    const was = isAllowed(settings, before, name);
    const is = isAllowed(settings, after, name);
    if (is && !was) granted.push(name);
    if (was && !is) withdrawn.push(name);
  }
  return { granted, withdrawn, decision: after };
}

/**
 * The categories after applying choices to a decision (or to "nothing allowed"
 * when there is none yet). Names the config does not know are dropped.
 */
export function applyChoices(
  settings: Settings,
  current: Decision | null,
  choices: Choices,
): {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
} {
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = { ...current?.services };
  for (const category of settings.categories) {
    const chosen = own(choices, category.name);
    categories[category.name] =
      category.required ||
      (!gpcRefuses(settings, category.name) &&
        // Unnamed categories keep their value: the stored one, or the regime's default.
        (typeof chosen === 'boolean' ? chosen : current ? own(current.categories, category.name) === true : settings.regime === 'opt-out'));
    // Deciding a whole category resets its services' own choices to follow it.
    if (typeof chosen === 'boolean') for (const service of category.services) delete services[service.name];
  }
  for (const [name, value] of Object.entries(own(choices, 'services') ?? {})) {
    const owner = named(settings, name);
    if (typeof value === 'boolean' && owner?.service) services[name] = value && !gpcRefuses(settings, owner.category.name);
  }
  return { categories, services };
}

/** Whether a decision allows any optional category or service: a full refusal does not. */
export function allowsAnything(settings: Settings, decision: Decision): boolean {
  return settings.categories.some(
    (category) =>
      !category.required && [category.name, ...category.services.map((service) => service.name)].some((name) => isAllowed(settings, decision, name)),
  );
}

/** Every optional category set to one value: "Accept all" and "Reject all". */
export function everything(settings: Settings, value: boolean): Choices {
  return Object.fromEntries(settings.categories.map((category) => [category.name, value]));
}
