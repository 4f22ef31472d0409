import { parseArgs } from 'node:util';
import { ReceiverError } from './db/database.js';
import { DEFAULT_DATA } from './store.js';

export const COMMANDS = ['serve', 'export', 'verify', 'prune', 'backup', 'restore', 'migrate-to'] as const;
export type Command = (typeof COMMANDS)[number];

export const USAGE = `Usage: holdback-receiver <command> [options]

Commands:
  serve        receive consent records over HTTP (POST /v1/records) and serve the admin API and dashboard
  export       write the records to standard output or --out, as NDJSON or CSV
  verify       recompute the hash chain; exit 1 and name the first entry that does not fit
  prune        prune the records whose consent expired more than --hold-days ago
  backup       write the whole log to a gzipped NDJSON file (--out)
  restore      read a backup file into an empty store:  restore FILE
  migrate-to   copy the embedded store into an empty PostgreSQL:  migrate-to --database-url URL [--data DIR]

Store (every command):
  --data DIR             the embedded store's folder (default ${DEFAULT_DATA})
  --database-url URL     PostgreSQL instead (also DATABASE_URL)

serve:
  --port N               default 8787
  --host ADDRESS         default 127.0.0.1 (0.0.0.0 to listen on every interface)
  --origin URL           an origin allowed to send records; repeat for several (required)
  --config FILE          the site's consent-config.json: records are checked against its categories
  --rate-limit N         records and notices per minute per address range (/24, /48), default 120; 0 for none
  --trust-proxy          take the client's address from X-Forwarded-For (only behind your own proxy)
  --keep-ip-prefix       keep the /24 or /48 a record came from (no address is kept by default)
  --refresh-cookie       re-send the consent cookie as an HTTP Set-Cookie with each record, so that Safari
                         keeps it past 7 days; only when the receiver answers on the site's own origin
                         (needs --config, for the cookie's name, domain and lifetimes)
  --hold-days N          prune daily, N days after a consent expired (default 1095); --no-prune to never

export:  --from DATE --to DATE --format ndjson|csv --out FILE
prune:   --hold-days N (default 1095) --config FILE
backup:  --out FILE

The admin API and the dashboard need HOLDBACK_RECEIVER_TOKEN.`;

export interface Options {
  command: Command;
  data: string;
  databaseUrl: string | null;
  port: number;
  host: string;
  origins: string[];
  config: string | null;
  rateLimit: number;
  trustProxy: boolean;
  keepIpPrefix: boolean;
  refreshCookie: boolean;
  holdDays: number;
  prune: boolean;
  from: string | undefined;
  to: string | undefined;
  format: 'ndjson' | 'csv';
  out: string | null;
  file: string | null;
  targetUrl: string | null;
}

function integer(name: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max)
    throw new ReceiverError(`--${name} must be a whole number from ${min} to ${max}, not ${text}`);
  return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options | 'help' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new ReceiverError(`${(error as Error).message.split('\n')[0]} (see holdback-receiver --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const command = positionals[0] as Command;
  if (!COMMANDS.includes(command)) throw new ReceiverError(`unknown command ${positionals[0]}: one of ${COMMANDS.join(', ')}`);
  const wanted = command === 'restore' ? 2 : 1;
  if (positionals.length !== wanted) {
    throw new ReceiverError(
      command === 'restore' ? 'restore needs the backup file: holdback-receiver restore FILE' : `unexpected argument ${positionals[1]}`,
    );
  }
  const origins = (values.origin ?? []).map((origin) => {
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      throw new ReceiverError(`--origin ${origin} is not a URL (expected like https://shop.example)`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ReceiverError(`--origin ${origin} must be http or https`);
    return url.origin;
  });
  if (command === 'serve' && !origins.length)
    throw new ReceiverError('serve needs at least one --origin: the site that sends the records, e.g. --origin https://shop.example');
  const format = values.format ?? 'ndjson';
  if (format !== 'ndjson' && format !== 'csv') throw new ReceiverError(`--format must be ndjson or csv, not ${format}`);
  if (values['refresh-cookie'] && !values.config)
    throw new ReceiverError("--refresh-cookie needs --config FILE: the site's consent-config.json says the cookie's name, domain and lifetimes");
  if (command === 'backup' && !values.out) throw new ReceiverError('backup needs --out FILE');
  const databaseUrl = command === 'migrate-to' ? null : (values['database-url'] ?? env.DATABASE_URL ?? null);
  if (databaseUrl === '')
    throw new ReceiverError('--database-url (or DATABASE_URL) is empty: give a postgres:// URL, or leave it out for the embedded store');
  const targetUrl = command === 'migrate-to' ? (values['database-url'] ?? null) : null;
  if (command === 'migrate-to' && !targetUrl)
    throw new ReceiverError('migrate-to needs --database-url URL: the PostgreSQL to move the embedded store into');
  return {
    command,
    data: values.data ?? DEFAULT_DATA,
    databaseUrl,
    port: integer('port', values.port, 8787, 0, 65535),
    host: values.host ?? '127.0.0.1',
    origins,
    config: values.config ?? null,
    rateLimit: integer('rate-limit', values['rate-limit'], 120, 0, 1_000_000),
    trustProxy: values['trust-proxy'] ?? false,
    keepIpPrefix: values['keep-ip-prefix'] ?? false,
    refreshCookie: values['refresh-cookie'] ?? false,
    holdDays: integer('hold-days', values['hold-days'], 1095, 0, 36500),
    prune: !(values['no-prune'] ?? false),
    from: values.from,
    to: values.to,
    format,
    out: values.out ?? null,
    file: command === 'restore' ? positionals[1]! : null,
    targetUrl,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      data: { type: 'string' },
      'database-url': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      origin: { type: 'string', multiple: true },
      config: { type: 'string' },
      'refresh-cookie': { type: 'boolean' },
      'rate-limit': { type: 'string' },
      'trust-proxy': { type: 'boolean' },
      'keep-ip-prefix': { type: 'boolean' },
      'hold-days': { type: 'string' },
      'no-prune': { type: 'boolean' },
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
    },
  });
}
