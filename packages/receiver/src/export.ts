import type { ConsentLog } from './log.js';

export type ExportFormat = 'csv' | 'ndjson';

const FIXED = [
  'seq',
  'received_at',
  'consent_id',
  'time',
  'action',
  'source',
  'regime',
  'gpc',
  'revision',
  'language',
  'notice_hash',
  'url',
  'user_agent',
  'services',
  'ip_prefix',
  'hash',
];

/** A CSV field, quoted when it must be, and never read as a formula by a spreadsheet. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The records decided in [from, to) as CSV (one column per category) or NDJSON, a line at a time. */
export async function* exportRecords(log: ConsentLog, from: Date, to: Date, format: ExportFormat): AsyncGenerator<string> {
  const categories = format === 'csv' ? await log.categoriesIn(from, to) : [];
  if (format === 'csv') yield `${[...FIXED, ...categories.map((name) => `category:${name}`)].map(field).join(',')}\r\n`;
  for await (const { entry, body } of log.records(from, to)) {
    const r = body.record;
    if (format === 'ndjson') {
      yield `${JSON.stringify({ seq: entry.seq, receivedAt: body.receivedAt, ipPrefix: body.ipPrefix, record: r, hash: entry.hash })}\n`;
      continue;
    }
    const fixed = [
      entry.seq,
      body.receivedAt,
      r.id,
      r.time,
      r.action,
      r.source,
      r.regime,
      r.gpc,
      r.revision,
      r.language,
      r.noticeHash,
      r.url,
      r.userAgent,
      JSON.stringify(r.services),
      body.ipPrefix,
      entry.hash,
    ];
    const allowed = categories.map((name) => (name in r.categories ? r.categories[name] : ''));
    yield `${[...fixed, ...allowed].map(field).join(',')}\r\n`;
  }
}
