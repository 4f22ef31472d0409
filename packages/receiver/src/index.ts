export { type AppOptions, createApp } from './http/app.js';
export { ConsentLog, type Outcome } from './log.js';
export { parseRecord, type ConsentRecord } from './record.js';
export { openLog, openDatabase, type StoreOptions } from './store.js';
export { verify, type Verdict } from './verify.js';
export { GroupWriter } from './writer.js';
export { readSite, type Site } from './site.js';
export { consentCookieHeader, readConsentCookie, type CookieRefreshOptions, type StoredChoice } from './consent-cookie.js';
