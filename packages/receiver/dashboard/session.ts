import { signal } from '@preact/signals';
import { type Api, ApiError, createApi, isAdminOff } from './api';
import { sentence } from './format';

// The admin token lives in this tab only: sessionStorage is gone when the tab closes,
// and nothing else on the page keeps it.
const KEY = 'holdback-receiver:token';

function stored(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}

function store(token: string | null) {
  try {
    if (token) sessionStorage.setItem(KEY, token);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Storage refused (a locked-down browser): the token lasts until the page is reloaded.
  }
}

export const token = signal<string | null>(stored());

/** Why the token form is showing again, if it is not the first time. */
export const signedOutBecause = signal<string | null>(null);

export function signIn(value: string) {
  store(value);
  signedOutBecause.value = null;
  token.value = value;
}

export function signOut(reason: string | null = null) {
  store(null);
  signedOutBecause.value = reason;
  token.value = null;
}

/** What to tell a person about a failed call, in one sentence. */
export function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong in the page. Reload it and try again.';
  if (isAdminOff(error)) return 'The admin API is off. Start the receiver with HOLDBACK_RECEIVER_TOKEN set, then sign in with that token.';
  if (error.status === 401) return 'The receiver did not accept this token. Paste the value of HOLDBACK_RECEIVER_TOKEN.';
  return sentence(error.message);
}

/** Runs admin calls with the token; a token the receiver refuses signs the page out, saying why. */
export async function asAdmin<T>(run: (api: Api) => Promise<T>): Promise<T> {
  const current = token.value;
  if (!current) throw new ApiError(401, 'not signed in');
  try {
    return await run(createApi(current));
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || isAdminOff(error)) && token.value === current) signOut(explain(error));
    throw error;
  }
}
