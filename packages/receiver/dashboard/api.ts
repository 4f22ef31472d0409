// The receiver's HTTP API as the dashboard calls it. Paths are relative, so that the page
// also works behind a proxy that mounts the receiver under a prefix.

export type Regime = 'opt-in' | 'opt-out';

/** Decisions of one UTC day under one regime and revision. */
export interface StatsRow {
  day: string;
  regime: Regime;
  revision: number;
  decisions: number;
  gpc: number;
  actions: Record<string, number>;
  sources: Record<string, number>;
  allowed: Record<string, number>;
}

export interface Stats {
  from: string;
  to: string;
  categories: string[];
  rows: StatsRow[];
  totals: { decisions: number; gpc: number; gpcShare: number; rate: Record<string, number> };
}

export interface ConsentRecord {
  id: string;
  time: string;
  action: string;
  source: string;
  categories: Record<string, boolean>;
  services: Record<string, boolean>;
  regime: Regime;
  gpc: boolean;
  language: string;
  revision: number;
  noticeHash: string | null;
  url: string;
  userAgent: string;
}

/** One entry of the chain; a pruned one has lost its body and everything read from it. */
export interface HistoryEntry {
  seq?: number;
  kind?: string;
  receivedAt?: string;
  ipPrefix?: string | null;
  record?: ConsentRecord;
  body: string | null;
  entryHash: string;
  prevHash: string;
  hash: string;
}

export interface Head {
  seq: number;
  hash: string;
}

export interface History {
  consentId: string;
  head: Head;
  entries: HistoryEntry[];
  /** The notices the records name, by hash; null when the receiver never got it. The shape is the drop-in's. */
  notices: Record<string, unknown>;
}

export interface Verdict {
  ok: boolean;
  entries: number;
  records: number;
  pruned: number;
  notices: number;
  head: Head;
  firstBad: { seq: number; reason: string } | null;
}

export interface Health {
  ok: boolean;
  engine: 'pglite' | 'postgresql';
  entries: number;
}

/** A range of UTC days, both ends included, as `YYYY-MM-DD`. */
export interface Range {
  from: string;
  to: string;
}

export type ExportFormat = 'csv' | 'ndjson';

/** An answer other than the one asked for; `status` 0 when the receiver could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call(path: string, token: string | null, accept: number[] = [], signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: `Bearer ${token}` } : {}, signal: signal ?? null });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'The receiver could not be reached. Is it running?');
  }
  if (response.ok || accept.includes(response.status)) return response;
  // The receiver gives its reasons as one line of text.
  const text = (await response.text().catch(() => '')).trim();
  throw new ApiError(response.status, text || `The receiver answered ${response.status} ${response.statusText}.`);
}

const query = (range: Range, extra: Record<string, string> = {}) => new URLSearchParams({ ...range, ...extra }).toString();

/** The admin calls, each with the token. */
export function createApi(token: string) {
  return Object.freeze({
    stats: async (range: Range, signal?: AbortSignal): Promise<Stats> => (await call(`v1/stats?${query(range)}`, token, [], signal)).json(),
    /** The history of one consent ID, or null when the log has no record of it. */
    history: async (consentId: string): Promise<History | null> => {
      const response = await call(`v1/records/${encodeURIComponent(consentId)}`, token, [404]);
      return response.status === 404 ? null : response.json();
    },
    /** 409 is a verdict too: the chain is broken. */
    verify: async (): Promise<Verdict> => (await call('v1/verify', token, [409])).json(),
    exportFile: async (range: Range, format: ExportFormat): Promise<{ blob: Blob; name: string }> => {
      const response = await call(`v1/export?${query(range, { format })}`, token);
      return { blob: await response.blob(), name: `consent-records-${range.from}-to-${range.to}.${format}` };
    },
  });
}

export type Api = ReturnType<typeof createApi>;

/** Open to all: which database, and how long the chain is. */
export async function health(): Promise<Health> {
  return (await call('healthz', null)).json();
}

/**
 * Whether the receiver has an admin token at all. Without one it answers every admin call 503
 * before looking at the token, so asking with none tells it apart from a wrong token (401).
 */
export async function adminIsOn(): Promise<boolean> {
  try {
    await call('v1/verify', null, [401]);
    return true;
  } catch (error) {
    return !(error instanceof ApiError && isAdminOff(error));
  }
}

export const isAdminOff = (error: ApiError) => error.status === 503 && error.message.includes('HOLDBACK_RECEIVER_TOKEN');
