import * as v from 'valibot';

export const ACTIONS = ['accept-all', 'reject-all', 'custom', 'withdraw', 'gpc'] as const;
export const SOURCES = ['banner', 'preferences', 'api', 'gpc'] as const;

/**
 * Text PostgreSQL can hold and parse back as JSON: no NUL, no lone surrogate.
 * One such string would make every later query that reads the bodies as jsonb fail.
 */
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = () =>
  v.pipe(
    v.string(),
    v.check((value) => !value.includes('\0') && !UNSTORABLE.test(value), 'must be text without NUL characters or lone surrogates'),
  );
const name = v.pipe(text(), v.minLength(1), v.maxLength(64));
/** Dates PostgreSQL takes as timestamptz, from 1970 on. */
const EARLIEST = Date.UTC(1970, 0, 1);
const MS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The record the drop-in sends, checked field by field; an unknown field is refused, not dropped. */
export const RecordSchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9-]{8,64}$/, 'id must be 8 to 64 letters, digits or dashes')),
  time: v.pipe(
    v.string(),
    v.regex(MS_ISO, 'time must be ISO 8601 in UTC to the millisecond, like 2026-12-01T10:00:00.000Z'),
    v.check((time) => !Number.isNaN(Date.parse(time)) && new Date(time).toISOString() === time, 'time is not a real date'),
    v.check((time) => Date.parse(time) >= EARLIEST, 'time is before 1970'),
  ),
  action: v.picklist(ACTIONS, `action must be one of ${ACTIONS.join(', ')}`),
  source: v.picklist(SOURCES, `source must be one of ${SOURCES.join(', ')}`),
  categories: v.pipe(
    v.record(name, v.boolean()),
    v.check((categories) => categories.necessary === true, 'categories must include necessary: true'),
  ),
  services: v.record(name, v.boolean()),
  regime: v.picklist(['opt-in', 'opt-out'], 'regime must be opt-in or opt-out'),
  gpc: v.boolean(),
  language: v.pipe(text(), v.regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'language must be a language tag')),
  revision: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000)),
  noticeHash: v.nullable(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, 'noticeHash must be 64 lowercase hex digits or null'))),
  url: v.pipe(text(), v.maxLength(2048), v.url()),
  userAgent: v.pipe(text(), v.maxLength(1024)),
});

export type ConsentRecord = v.InferOutput<typeof RecordSchema>;

/** The notice a record points at: what the visitor read. Only its outline is checked; its hash is its name. */
export const NoticeSchema = v.looseObject({
  language: v.string(),
  revision: v.number(),
  categories: v.array(v.looseObject({ name: v.string() })),
});

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

function firstIssue(issues: v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((item) => String(item.key)).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/** Parses a body (JSON sent as text/plain) into a record, in the one key order the log stores. */
export function parseRecord(body: string): Checked<ConsentRecord> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const result = v.safeParse(RecordSchema, json);
  if (!result.success) return { ok: false, reason: firstIssue(result.issues) };
  const r = result.output;
  return {
    ok: true,
    value: {
      id: r.id,
      time: r.time,
      action: r.action,
      source: r.source,
      categories: sorted(r.categories),
      services: sorted(r.services),
      regime: r.regime,
      gpc: r.gpc,
      language: r.language,
      revision: r.revision,
      noticeHash: r.noticeHash,
      url: r.url,
      userAgent: r.userAgent,
    },
  };
}

export function parseNotice(body: string): Checked<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const result = v.safeParse(NoticeSchema, json);
  return result.success ? { ok: true, value: result.output } : { ok: false, reason: `not a notice: ${firstIssue(result.issues)}` };
}

function sorted(values: Record<string, boolean>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether a record allows anything optional: such a consent lasts longer than a refusal. */
export function allowsAnything(record: ConsentRecord): boolean {
  return Object.entries(record.categories).some(([category, allowed]) => category !== 'necessary' && allowed);
}
