import type { TextKey } from '../texts/en';

/** A named service inside a category, e.g. `meta-pixel` inside `marketing`. */
export interface ServiceConfig {
  title?: string;
  description?: string;
  /** Cookie names this service sets: exact names, or prefixes ending in `*`. */
  cookies?: string[];
}

export interface CategoryConfig {
  title?: string;
  description?: string;
  /** Cookie names this category sets: exact names, or prefixes ending in `*`. */
  cookies?: string[];
  services?: Record<string, ServiceConfig>;
}

export interface CookieConfig {
  /** Name of the cookie that stores the decision. Default `holdback`. */
  name?: string;
  /** Share the decision across subdomains, e.g. `example.com`. */
  domain?: string;
  /** Default 365. */
  expiresAfterDays?: number;
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
}

/** A category as holdback uses it: defaults applied, names checked. */
export interface Category {
  name: string;
  title: string;
  description: string;
  required: boolean;
  cookies: string[];
  services: Service[];
}

export interface Service {
  name: string;
  category: string;
  title: string;
  description: string;
  cookies: string[];
}

/** The config with every default applied. */
export interface Settings {
  revision: number;
  language: string;
  privacyPolicyUrl: string | undefined;
  categories: Category[];
  texts: Record<TextKey, string>;
  cookie: { name: string; domain: string | undefined; expiresAfterDays: number };
}
