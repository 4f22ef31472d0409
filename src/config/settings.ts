import { regimeFor } from './regime';
import { NECESSARY } from '../markup';
import type { Category, CategoryConfig, Config, ConsentType, CookieDeclaration, NamePattern, Settings, TextOverrides } from './types';

const DEFAULT_CATEGORIES: Record<string, CategoryConfig> = { preferences: {}, statistics: {}, marketing: {} };

/** Applies defaults to a config that `validateConfig` found sound. */
// browserLanguages and gpc may be getters, and are read only when needed: the
// first touch of \`navigator\` costs a page about 16 KB of heap, which an opt-in
// page in a document that names its language never has to pay.
export interface Environment {
  documentLanguage: string;
  readonly browserLanguages: readonly string[];
  timeZone?: string | undefined;
  /** navigator.globalPrivacyControl */
  readonly gpc?: boolean;
}

const CONSENT_TYPES: Record<string, ConsentType[]> = {
  preferences: ['functionality_storage', 'personalization_storage'],
  statistics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

export function resolveSettings(config: Config, environment: Environment): Settings {
  const wanted = pickLanguage(config, environment);
  const regime = regimeFor(config.region, environment.timeZone, config.regimes);
  const mode = config.googleConsentMode === true ? {} : config.googleConsentMode || null;
  const { texts, found } = resolveTexts(config, wanted);
  // The language the UI speaks: the one asked for if its texts are there, else English.
  const language = found ? wanted : 'en';
  const given = config.categories ?? DEFAULT_CATEGORIES;
  const { [NECESSARY]: necessary = {}, ...optional } = given;
  const categories = [resolveCategory(NECESSARY, necessary, true)];
  for (const [name, category] of Object.entries(optional)) categories.push(resolveCategory(name, category, false));
  return {
    revision: config.revision ?? 1,
    language,
    privacyPolicyUrl: config.privacyPolicyUrl,
    categories,
    texts,
    cookie: {
      name: config.cookie?.name ?? 'holdback',
      domain: config.cookie?.domain,
      expiresAfterDays: config.cookie?.expiresAfterDays ?? 365,
      // Regulators advise asking again sooner after a refusal than after a consent.
      refusalExpiresAfterDays: config.cookie?.refusalExpiresAfterDays ?? 182,
    },
    reloadOnWithdraw: config.reloadOnWithdraw ?? true,
    recordEndpoint: config.recordEndpoint,
    regime,
    region: config.region?.toUpperCase(),
    gpc: {
      honoured: regime === 'opt-out' || config.gpc === true,
      get signal() {
        return environment.gpc === true;
      },
    },
    optOutLinks: config.optOutLinks ?? 'choices',
    consentMode: mode
      ? {
          mode: mode.mode ?? 'basic',
          waitForUpdate: mode.waitForUpdate ?? 500,
          types: mode.types ?? CONSENT_TYPES,
          adsDataRedaction: mode.adsDataRedaction ?? false,
          urlPassthrough: mode.urlPassthrough ?? false,
          developerId: mode.developerId,
          event: mode.event ?? 'cookie_consent_update',
        }
      : null,
    theme: config.theme ?? 'auto',
    layout: config.layout ?? 'bar',
    floatingButton: config.floatingButton ?? false,
    autoBlock: {
      mode: config.autoBlock === true ? 'hold' : config.autoBlock || 'off',
      ignore: config.autoBlockIgnore ?? [],
    },
  };
}

function pickLanguage(config: Config, environment: Environment): string {
  if (config.language && config.language !== 'auto') return config.language.toLowerCase();
  return (environment.documentLanguage || environment.browserLanguages.find(Boolean) || 'en').toLowerCase();
}

// Overrides for "pt" apply to "pt-br" too; the exact language wins over its
// base. English is there whatever is given, as the UI's fallback.
function resolveTexts(config: Config, language: string): { texts: TextOverrides; found: boolean } {
  const base = language.split('-')[0] ?? language;
  const overrides = config.texts ?? {};
  const find = (code: string) => Object.entries(overrides).find(([key]) => key.toLowerCase() === code)?.[1];
  return { texts: { ...find(base), ...find(language) }, found: base === 'en' || !!(find(base) || find(language)) };
}

function resolveCategory(name: string, category: CategoryConfig, required: boolean): Category {
  return {
    name,
    title: category.title,
    description: category.description,
    required,
    cookies: declarations(category.cookies),
    storage: category.storage ?? [],
    services: Object.entries(category.services ?? {}).map(([serviceName, service]) => ({
      name: serviceName,
      category: name,
      title: service.title ?? serviceName,
      description: service.description ?? '',
      cookies: declarations(service.cookies),
      storage: service.storage ?? [],
      hosts: service.hosts ?? [],
    })),
  };
}

function declarations(cookies: (NamePattern | CookieDeclaration)[] = []): CookieDeclaration[] {
  return cookies.map((cookie) => (typeof cookie === 'object' && !(cookie instanceof RegExp) ? cookie : { name: cookie }));
}
