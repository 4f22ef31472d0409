import { useMemo } from 'preact/hooks';
import { count, dayLabel, lastDays, share, title } from '../format';
import { figures, filter, health, loadStats, range, stats } from '../state';
import { RateChart } from './rate-chart';
import { Empty, Failed, Loading } from './status';

// Required by every record, so always 100%: a flat line that says nothing.
const ALWAYS_ALLOWED = 'necessary';

export function Rates() {
  const load = stats.value;
  const shown = figures.value;
  return (
    <section class="panel" aria-labelledby="rates-title" aria-busy={load.status === 'loading'}>
      <div class="section-head">
        <h2 id="rates-title">Consent rate per category</h2>
        <p class="hint">Share of the decisions of each UTC day that allowed the category.</p>
      </div>
      {load.status === 'failed' ? (
        <Failed message={load.message} retry={() => loadStats(range.value)} />
      ) : !shown ? (
        <Loading what="the figures" />
      ) : (
        <Body shown={shown} updating={load.status === 'loading'} />
      )}
    </section>
  );
}

type Shown = NonNullable<typeof figures.value>;

function Body({ shown, updating }: { shown: Shown; updating: boolean }) {
  const { daily, totals, range: days } = shown;
  // A new list would draw the chart again on every render.
  const categories = useMemo(() => shown.categories.filter((name) => name !== ALWAYS_ALLOWED), [shown.categories]);
  if (!shown.all.length) {
    return health.value?.entries === 0 ? (
      <Empty title="No records yet">
        <p>
          The rates show here once the drop-in sends its records: set <code>recordEndpoint</code> to this receiver's <code>/v1/records</code> and
          allow the site's origin with <code>--origin</code>.
        </p>
      </Empty>
    ) : (
      <Empty title={`No decisions from ${dayLabel(days.from)} to ${dayLabel(days.to)}`}>
        <button
          type="button"
          onClick={() => {
            range.value = lastDays(90);
          }}
        >
          Show the last 90 days
        </button>
      </Empty>
    );
  }
  if (!totals.decisions) {
    return (
      <Empty title="No decisions match the filter">
        <button
          type="button"
          onClick={() => {
            filter.value = { regime: null, revision: null };
          }}
        >
          Clear the filter
        </button>
      </Empty>
    );
  }
  return (
    <>
      {updating && <Loading what="the new range" />}
      <RateChart daily={daily} categories={categories} rate={totals.rate} />
      {shown.categories.includes(ALWAYS_ALLOWED) && <p class="hint">Necessary is always allowed and is left out of the chart.</p>}
      <details class="figures">
        <summary>The figures as a table</summary>
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must be reachable by keyboard (WCAG 2.1.1) */}
        <section class="scroll" aria-label="Consent rate per day" tabIndex={0}>
          <table>
            <caption class="visually-hidden">Consent rate per category per UTC day</caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col" class="num">
                  Decisions
                </th>
                {categories.map((name) => (
                  <th key={name} scope="col" class="num">
                    {title(name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {daily.days.map((day, i) => (
                <tr key={day}>
                  <th scope="row">{dayLabel(day)}</th>
                  <td class="num">{count(daily.decisions[i]!)}</td>
                  {categories.map((name) => {
                    const rate = daily.rates[name]?.[i];
                    return (
                      <td key={name} class="num">
                        {rate == null ? '–' : share(rate)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </details>
    </>
  );
}
