import type { TextKey } from '../texts/en';

/** An exact name, a prefix ending in `*` (`_ga_*`), or a regular expression. */
export type NamePattern = string | RegExp;

/** A cookie as the preference center declares it; a bare pattern declares only the name. */
export interface CookieDeclaration {
  name: NamePattern;
  purpose?: string;
  duration?: string;
  provider?: string;
}

interface Holder {
  title?: string;
  description?: string;
  /** Cookies it sets: deleted when it is withdrawn, and listed in the preference center. */
  cookies?: (NamePattern | CookieDeclaration)[];
  /** localStorage and sessionStorage keys it writes: removed when it is withdrawn. */
  storage?: NamePattern[];
}

/** A named service inside a category, e.g. `meta-pixel` inside `marketing`. */
export interface ServiceConfig extends Holder {
  /** Hosts it loads from, e.g. `connect.facebook.net`. */
  hosts?: string[];
}

export interface CategoryConfig extends Holder {
  services?: Record<string, ServiceConfig>;
}

export interface CookieConfig {
  /** Name of the cookie that stores the decision. Default `holdback`. */
  name?: string;
  /** Share the decision across subdomains, e.g. `example.com`. */
  domain?: string;
  /** Lifetime of a choice that allows something. Default 365, at most 395. */
  expiresAfterDays?: number;
  /** Lifetime of a choice that refuses everything optional. Default 182, at most 395. */
  refusalExpiresAfterDays?: number;
}

export type TextOverrides = Partial<Record<TextKey, string>>;

/** `window.consentConfig`, or the argument of `init()`. Every key is optional. */
export interface Config {
  /** Raise to ask every visitor again. Default 1. */
  revision?: number;
  /** `'auto'` (follow `<html lang>`) or a language code such as `'en'`. */
  language?: string;
  privacyPolicyUrl?: string;
  /** Replaces the default categories when given; `necessary` is always there. */
  categories?: Record<string, CategoryConfig>;
  /** Overrides of UI texts, per language: `{ en: { acceptAll: 'OK' } }`. */
  texts?: Record<string, TextOverrides>;
  cookie?: CookieConfig;
  /** Reload the page once when something that had already run is withdrawn. Default true. */
  reloadOnWithdraw?: boolean;
  /** A URL that receives each decision's record (POST, JSON). */
  recordEndpoint?: string;
}

/** A category as holdback uses it: defaults applied, names checked. */
export interface Category {
  name: string;
  title: string;
  description: string;
  required: boolean;
  cookies: CookieDeclaration[];
  storage: NamePattern[];
  services: Service[];
}

export interface Service {
  name: string;
  category: string;
  title: string;
  description: string;
  cookies: CookieDeclaration[];
  storage: NamePattern[];
  hosts: string[];
}

/** The config with every default applied. */
export interface Settings {
  revision: number;
  language: string;
  privacyPolicyUrl: string | undefined;
  categories: Category[];
  texts: Record<TextKey, string>;
  cookie: { name: string; domain: string | undefined; expiresAfterDays: number; refusalExpiresAfterDays: number };
  reloadOnWithdraw: boolean;
  recordEndpoint: string | undefined;
}
