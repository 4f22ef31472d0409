// The ES module entry for bundler users. Nothing runs on import.
export type { ConsentApi } from './api';
export type { CategoryConfig, Config, CookieConfig, ServiceConfig, TextOverrides } from './config/types';
export type { Change, Choices, Decision } from './consent/decision';
export type { EventName } from './events';
export type { TextKey } from './texts/keys';

import type { ConsentApi } from './api';
import type { Config } from './config/types';
import { init as start } from './init';

/** Starts holdback with a config and installs `window.Consent`; returns it too. */
export function init(config?: Config): ConsentApi {
  // The bundler makes the UI a chunk of its own, fetched only when a view is needed.
  return start(config, null, {
    loadUi: () => import('./ui').then((module) => module.ui),
    loadLink: () => import('./choices-link').then((module) => module.showChoicesLink),
  });
}
