import type { ConsentLog } from './log.js';

/** Decisions of one day under one regime and revision. */
export interface StatsRow {
  day: string;
  regime: string;
  revision: number;
  decisions: number;
  gpc: number;
  actions: Record<string, number>;
  sources: Record<string, number>;
  /** How many of those decisions allowed each category. */
  allowed: Record<string, number>;
}

export interface Stats {
  from: string;
  to: string;
  categories: string[];
  rows: StatsRow[];
  totals: { decisions: number; gpc: number; gpcShare: number; rate: Record<string, number> };
}

const WHERE = `kind = 'record' AND body IS NOT NULL AND decided_at >= $1 AND decided_at < $2`;
const DAY = `to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/** Consent rate per category per day, by regime and revision, and the share of GPC signals. */
export async function stats(log: ConsentLog, from: Date, to: Date): Promise<Stats> {
  const range = [from.toISOString(), to.toISOString()];
  const decisions = await log.db.query<{ day: string; regime: string; revision: number; action: string; source: string; gpc: boolean; n: string }>(
    `SELECT ${DAY} AS day, r->>'regime' AS regime, (r->>'revision')::int AS revision, r->>'action' AS action,
            r->>'source' AS source, (r->>'gpc')::boolean AS gpc, count(*) AS n
     FROM (SELECT decided_at, (body::jsonb)->'record' AS r FROM entries WHERE ${WHERE}) AS t
     GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3`,
    range,
  );
  const allowed = await log.db.query<{ day: string; regime: string; revision: number; category: string; n: string }>(
    `SELECT ${DAY} AS day, r->>'regime' AS regime, (r->>'revision')::int AS revision, c.key AS category, count(*) AS n
     FROM (SELECT decided_at, (body::jsonb)->'record' AS r FROM entries WHERE ${WHERE}) AS t,
          jsonb_each(r->'categories') AS c
     WHERE c.value = 'true'::jsonb
     GROUP BY 1, 2, 3, 4`,
    range,
  );
  const rows = new Map<string, StatsRow>();
  const rowOf = (day: string, regime: string, revision: number) => {
    const key = `${day} ${regime} ${revision}`;
    const row = rows.get(key) ?? { day, regime, revision: Number(revision), decisions: 0, gpc: 0, actions: {}, sources: {}, allowed: {} };
    rows.set(key, row);
    return row;
  };
  for (const d of decisions) {
    const row = rowOf(d.day, d.regime, d.revision);
    const n = Number(d.n);
    row.decisions += n;
    if (d.gpc) row.gpc += n;
    row.actions[d.action] = (row.actions[d.action] ?? 0) + n;
    row.sources[d.source] = (row.sources[d.source] ?? 0) + n;
  }
  const categories = new Set<string>();
  for (const a of allowed) {
    categories.add(a.category);
    const row = rowOf(a.day, a.regime, a.revision);
    row.allowed[a.category] = Number(a.n);
  }
  const list = [...rows.values()].sort((a, b) => a.day.localeCompare(b.day) || a.regime.localeCompare(b.regime) || a.revision - b.revision);
  const total = list.reduce((sum, row) => sum + row.decisions, 0);
  const gpc = list.reduce((sum, row) => sum + row.gpc, 0);
  const names = [...(await log.categoriesIn(from, to))];
  const rate = Object.fromEntries(names.map((name) => [name, total ? list.reduce((sum, row) => sum + (row.allowed[name] ?? 0), 0) / total : 0]));
  return {
    from: range[0]!,
    to: range[1]!,
    categories: names,
    rows: list,
    totals: { decisions: total, gpc, gpcShare: total ? gpc / total : 0, rate },
  };
}
