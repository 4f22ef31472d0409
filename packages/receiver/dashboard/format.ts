// Days are UTC days, as the receiver counts them, written `YYYY-MM-DD`.

const DAY = 86_400_000;

export const today = () => new Date().toISOString().slice(0, 10);

export const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * DAY).toISOString().slice(0, 10);

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let time = Date.parse(from), end = Date.parse(to); time <= end; time += DAY) days.push(new Date(time).toISOString().slice(0, 10));
  return days;
}

/** The last `days` days, today included. */
export const lastDays = (days: number) => ({ from: addDays(today(), 1 - days), to: today() });

const counts = new Intl.NumberFormat();
const shares = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const dates = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

export const count = (n: number) => counts.format(n);
export const share = (fraction: number) => shares.format(fraction);
export const dayLabel = (day: string) => dates.format(new Date(Date.parse(day)));

/** A record's time as kept, to the millisecond, in UTC: it is evidence, so it is not rounded or moved. */
export const exactTime = (iso: string) => iso.replace('T', ' ').replace(/Z$/, ' UTC');

export const ACTIONS: Record<string, string> = {
  'accept-all': 'Accept all',
  'reject-all': 'Reject all',
  custom: 'Custom choice',
  withdraw: 'Withdraw',
  gpc: 'GPC signal',
};

export const SOURCES: Record<string, string> = {
  banner: 'Banner',
  preferences: 'Preference center',
  api: 'API',
  gpc: 'GPC signal',
};

/** The same, after "via". */
export const VIA: Record<string, string> = {
  banner: 'the banner',
  preferences: 'the preference center',
  api: 'the API (window.Consent)',
  gpc: 'the GPC signal',
};

export const REGIMES: Record<string, string> = { 'opt-in': 'Opt-in', 'opt-out': 'Opt-out' };

export const labelOf = (labels: Record<string, string>, key: string) => labels[key] ?? key;

/** The receiver's reasons are lowercase lines meant for logs; on the page they stand as sentences. */
export function sentence(text: string): string {
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.?!]$/.test(capital) ? capital : `${capital}.`;
}

/** A category's name as a heading: `marketing` → `Marketing`. */
export const title = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
