import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { Daily } from '../figures';
import { count, dayLabel, share, title } from '../format';

const HEIGHT = 300;
const COLOURS = 8;
// A dash per series as well as a colour, so that the lines part without colour vision.
const DASHES = [[], [8, 4], [2, 4], [12, 4, 2, 4]];
const dashOf = (i: number) => DASHES[i % DASHES.length]!;
const DAY = 86_400;
// Ticks on whole days (or months) only: the figures are per day, an hour tick would mean nothing.
const DAY_TICKS = [1, 2, 3, 7, 14, 30, 60, 90, 180, 365].map((days) => days * DAY);
const tickDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

interface Props {
  daily: Daily;
  categories: string[];
  /** The rate over the whole range, shown while the pointer is off the chart. */
  rate: Record<string, number>;
}

/** uPlot draws the lines; the legend is ours, as buttons, so that a keyboard can hide a series. */
export function RateChart({ daily, categories, rate }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [cursor, setCursor] = useState<number | null>(null);
  const dark = useDarkScheme();

  useEffect(() => {
    const element = box.current!;
    const css = getComputedStyle(element);
    const colour = (name: string) => css.getPropertyValue(name).trim();
    const axis = { stroke: colour('--muted'), grid: { stroke: colour('--grid'), width: 1 }, ticks: { stroke: colour('--grid'), width: 1 } };
    const first = Date.parse(daily.days[0]!) / 1000;
    const last = Date.parse(daily.days[daily.days.length - 1]!) / 1000;
    const options: uPlot.Options = {
      width: element.clientWidth,
      height: HEIGHT,
      // The receiver counts UTC days; uPlot would otherwise place them in the browser's zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), 'Etc/UTC'),
      // The x range is given, since uPlot stretches a single day over years; half a day either side
      // keeps the first and last points off the edges.
      scales: { x: { time: true, range: [first - DAY / 2, last + DAY / 2] }, y: { range: [0, 100] } },
      axes: [
        {
          ...axis,
          font: `12px ${css.fontFamily}`,
          incrs: DAY_TICKS,
          values: (_, splits) => splits.map((seconds) => tickDate.format(seconds * 1000)),
        },
        { ...axis, font: `12px ${css.fontFamily}`, size: 48, values: (_, splits) => splits.map((value) => `${value}%`) },
      ],
      series: [
        {},
        ...categories.map((name, i) => ({
          label: title(name),
          show: !hidden.has(name),
          stroke: colour(`--series-${(i % COLOURS) + 1}`),
          width: 2,
          dash: dashOf(i),
          points: { size: 6 },
        })),
      ],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 8 } },
      hooks: { setCursor: [(u) => setCursor(u.cursor.idx ?? null)] },
    };
    const data: uPlot.AlignedData = [
      daily.days.map((day) => Date.parse(day) / 1000),
      ...categories.map((name) => (daily.rates[name] ?? []).map((value) => (value === null ? null : value * 100))),
    ];
    setCursor(null);
    const chart = new uPlot(options, data, element);
    plot.current = chart;
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // `hidden` is applied by toggle() without drawing the chart again.
  }, [daily, categories, dark]);

  const toggle = (name: string, i: number) => {
    const next = new Set(hidden);
    if (next.has(name)) next.delete(name);
    else next.add(name);
    setHidden(next);
    plot.current?.setSeries(i + 1, { show: !next.has(name) });
  };

  const at = cursor !== null && cursor < daily.days.length ? cursor : null;
  const decisions = daily.decisions.reduce((sum, n) => sum + n, 0);
  return (
    <figure class="chart">
      <figcaption class="visually-hidden">Consent rate per category per UTC day, as a line chart. The figures are in the table below it.</figcaption>
      <p class="readout">
        {at === null
          ? `${daily.days.length === 1 ? 'The day' : `All ${daily.days.length} days`}: ${count(decisions)} decisions`
          : `${dayLabel(daily.days[at]!)}: ${count(daily.decisions[at] ?? 0)} decisions`}
      </p>
      <div ref={box} class="plot" aria-hidden="true" />
      <ul class="legend" aria-label="Series">
        {categories.map((name, i) => {
          const value = at === null ? rate[name] : daily.rates[name]?.[at];
          return (
            <li key={name}>
              <button type="button" aria-pressed={!hidden.has(name)} onClick={() => toggle(name, i)}>
                <svg width="28" height="10" aria-hidden="true" class={`series-${(i % COLOURS) + 1}`}>
                  <line x1="1" y1="5" x2="27" y2="5" stroke-width="2.5" stroke-dasharray={dashOf(i).join(' ') || undefined} />
                </svg>
                <span class="legend-name">{title(name)}</span>
                <span class="legend-value">{value == null ? '–' : share(value)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </figure>
  );
}

function useDarkScheme(): boolean {
  const [query] = useState(() => matchMedia('(prefers-color-scheme: dark)'));
  const [dark, setDark] = useState(query.matches);
  useEffect(() => {
    const change = () => setDark(query.matches);
    query.addEventListener('change', change);
    return () => query.removeEventListener('change', change);
  }, [query]);
  return dark;
}
