import type { Settings } from '../config/types';
import { NECESSARY } from '../markup';

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

/** Whether a category or service is allowed. Unknown names never are. */
export function isAllowed(settings: Settings, decision: Decision | null, name: string): boolean {
  if (name === NECESSARY) return true;
  for (const category of settings.categories) {
    if (category.name === name) return category.required || decision?.categories[name] === true;
    for (const service of category.services) {
      if (service.name !== name) continue;
      if (category.required) return true;
      return (decision?.services[name] ?? decision?.categories[category.name]) === true;
    }
  }
  return false;
}

export function isKnown(settings: Settings, name: string): boolean {
  return settings.categories.some((category) => category.name === name || category.services.some((s) => s.name === name));
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
export function applyChoices(settings: Settings, current: Decision | null, choices: Choices): {
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
} {
  const categories: Record<string, boolean> = {};
  const services: Record<string, boolean> = { ...current?.services };
  for (const category of settings.categories) {
    const chosen = choices[category.name];
    categories[category.name] =
      category.required || (typeof chosen === 'boolean' ? chosen : current?.categories[category.name] === true);
    // Deciding a whole category resets its services' own choices to follow it.
    if (typeof chosen === 'boolean') for (const service of category.services) delete services[service.name];
  }
  for (const [name, value] of Object.entries(choices.services ?? {})) {
    if (typeof value === 'boolean' && settings.categories.some((c) => c.services.some((s) => s.name === name))) {
      services[name] = value;
    }
  }
  return { categories, services };
}

/** Whether a decision allows any optional category or service: a full refusal does not. */
export function allowsAnything(settings: Settings, decision: Decision): boolean {
  return settings.categories.some(
    (category) =>
      !category.required &&
      [category.name, ...category.services.map((service) => service.name)].some((name) => isAllowed(settings, decision, name)),
  );
}

/** Every optional category set to one value: "Accept all" and "Reject all". */
export function everything(settings: Settings, value: boolean): Choices {
  return Object.fromEntries(settings.categories.map((category) => [category.name, value]));
}
