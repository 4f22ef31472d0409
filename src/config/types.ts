import type { Regime } from './regime';
import type { TextKey } from '../texts/keys';

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
  /**
   * Hosts it loads from and sends to, e.g. `connect.facebook.net` or
   * `www.facebook.com/tr` (a host covers its subdomains; a path narrows it).
   * With auto-blocking on, requests to them are held back until it is allowed.
   */
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
  /** The visitor's region from the site's server or CDN: `DE`, `US-CA`. Also `data-region`. */
  region?: string;
  /** Which regime a region gets, by country or subdivision code: `{ BR: 'opt-out' }`. */
  regimes?: Record<string, Regime>;
  /** Honour Global Privacy Control under opt-in too (it is always honoured under opt-out). */
  gpc?: boolean;
  /** `'choices'`: one "Your Privacy Choices" link; `'two-links'`: "Do Not Sell or Share…" and "Limit the Use…". */
  optOutLinks?: 'choices' | 'two-links';
  /** Google Consent Mode v2: `true`, or options. */
  googleConsentMode?: boolean | ConsentModeConfig;
  /**
   * Hold back requests to well-known tracker hosts that nobody marked (needs
   * `consent-autoblock.js`): `true` holds them, `'report'` only reports them,
   * `'strict'` also adds a Content-Security-Policy allowlist before consent.
   * Also `data-auto-block` on the script tag. Default false.
   */
  autoBlock?: AutoBlock;
  /** Hosts (or `host/path`) that auto-blocking leaves alone, e.g. `widgets.example.com`. */
  autoBlockIgnore?: string[];
  /** `'auto'` follows the visitor's `prefers-color-scheme`; `'light'` or `'dark'` forces one. Default `'auto'`. */
  theme?: Theme;
  /** The first layer: `'bar'` along the bottom, `'box'` in the bottom corner, `'modal'` in the middle. Default `'bar'`. */
  layout?: Layout;
  /** A floating button that reopens the preference center on every page. Default false. */
  floatingButton?: boolean;
}

export type AutoBlock = boolean | 'report' | 'strict';
export type Theme = 'auto' | 'light' | 'dark';
export type Layout = 'bar' | 'box' | 'modal';

export type ConsentType =
  | 'ad_storage'
  | 'ad_user_data'
  | 'ad_personalization'
  | 'analytics_storage'
  | 'functionality_storage'
  | 'personalization_storage'
  | 'security_storage';

export interface ConsentModeConfig {
  /**
   * `'basic'` (default): with auto-blocking, Google tags are held back like the
   * rest. `'advanced'`: gtag.js and gtm.js load at once and Consent Mode governs them.
   */
  mode?: 'basic' | 'advanced';
  /** Milliseconds Google tags wait for an update. Default 500. */
  waitForUpdate?: number;
  /** Consent types each category grants; replaces the default mapping. */
  types?: Record<string, ConsentType[]>;
  adsDataRedaction?: boolean;
  urlPassthrough?: boolean;
  /** A developer ID issued by Google: sets `developer_id.<id>`. */
  developerId?: string;
  /** The dataLayer event pushed on each change. Default `cookie_consent_update`. */
  event?: string;
}

/** A category as holdback uses it: defaults applied, names checked. */
export interface Category {
  name: string;
  /** As the config gives them; the UI gives a default category its words from the texts (texts/shown.ts). */
  title?: string | undefined;
  description?: string | undefined;
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
  /** Who runs it, from the tracker catalogue when the config gives a catalogue id. */
  provider?: string;
}

/** The config with every default applied. */
export interface Settings {
  revision: number;
  language: string;
  privacyPolicyUrl: string | undefined;
  categories: Category[];
  /** The site's overrides of the UI's texts in `language`; the UI lays them over its English ones. */
  texts: TextOverrides;
  cookie: { name: string; domain: string | undefined; expiresAfterDays: number; refusalExpiresAfterDays: number };
  reloadOnWithdraw: boolean;
  recordEndpoint: string | undefined;
  regime: Regime;
  region: string | undefined;
  /** Whether a Global Privacy Control signal is honoured here, and whether the browser sends one. */
  gpc: { honoured: boolean; signal: boolean };
  optOutLinks: 'choices' | 'two-links';
  consentMode: (Required<Omit<ConsentModeConfig, 'developerId'>> & { developerId: string | undefined }) | null;
  theme: Theme;
  layout: Layout;
  floatingButton: boolean;
  autoBlock: { mode: 'off' | 'hold' | 'report' | 'strict'; ignore: string[] };
}
