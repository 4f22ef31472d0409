import { ACTIONS, count, labelOf, REGIMES, SOURCES, share, title } from '../format';
import { figures } from '../state';

export function Totals() {
  const shown = figures.value;
  if (!shown?.totals.decisions) return null;
  const { totals, categories } = shown;
  // Every action and source the drop-in can send, so that a zero shows as a zero.
  const withAll = (known: Record<string, string>, counts: Map<string, number>) =>
    new Map([...Object.keys(known).map((key): [string, number] => [key, counts.get(key) ?? 0]), ...counts]);
  return (
    <section class="panel" aria-labelledby="totals-title">
      <div class="section-head">
        <h2 id="totals-title">Totals</h2>
        <p class="hint">Over the chosen days and filter.</p>
      </div>
      <dl class="cards">
        <div class="card">
          <dt>Decisions</dt>
          <dd>{count(totals.decisions)}</dd>
        </div>
        <div class="card">
          <dt>GPC share</dt>
          <dd>{share(totals.gpc / totals.decisions)}</dd>
          <dd class="card-note">{count(totals.gpc)} with the GPC signal</dd>
        </div>
        {categories.map((name) => (
          <div class="card" key={name}>
            <dt>{title(name)} allowed</dt>
            <dd>{share(totals.rate[name] ?? 0)}</dd>
          </div>
        ))}
      </dl>
      <div class="breakdowns">
        <Breakdown caption="By regime" column="Regime" counts={totals.regimes} total={totals.decisions} label={(key) => labelOf(REGIMES, key)} />
        <Breakdown caption="By revision" column="Revision" counts={totals.revisions} total={totals.decisions} label={(key) => key} />
        <Breakdown
          caption="Actions"
          column="Action"
          counts={withAll(ACTIONS, totals.actions)}
          total={totals.decisions}
          label={(key) => labelOf(ACTIONS, key)}
        />
        <Breakdown
          caption="Sources"
          column="Source"
          counts={withAll(SOURCES, totals.sources)}
          total={totals.decisions}
          label={(key) => labelOf(SOURCES, key)}
        />
      </div>
    </section>
  );
}

interface BreakdownProps {
  caption: string;
  column: string;
  counts: Map<string, number>;
  total: number;
  label: (key: string) => string;
}

function Breakdown({ caption, column, counts, total, label }: BreakdownProps) {
  return (
    <table class="breakdown">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{column}</th>
          <th scope="col" class="num">
            Decisions
          </th>
          <th scope="col" class="num">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {[...counts].map(([key, n]) => (
          <tr key={key}>
            <th scope="row">{label(key)}</th>
            <td class="num">{count(n)}</td>
            <td class="num share">
              <span class="share-bar" aria-hidden="true" ref={(bar) => bar?.style.setProperty('--share', String(total ? n / total : 0))} />
              {share(total ? n / total : 0)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
