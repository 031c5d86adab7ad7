import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/**
 * The dashboards' recharts drawings. Loaded only in the browser, through `ChartFrame` (./components.tsx), so
 * recharts ships with the routes that draw charts and never runs on the server. Each drawing is decorative for
 * assistive technology: the table beside it carries the same figures.
 */

const ink = "#1d2330";
const palette = ["#1f5f99", "#a12626", "#1e6b3a", "#7a4d00", "#5b3c8c", "#00646e", "#8c2f6b"];

/** What every drawing shares: the margin, the grid, the axes' ink and the legend. */
const margin = { top: 8, right: 16, bottom: 8, left: 0 };
const grid = <CartesianGrid stroke="#d9dde4" />;
const axis = { stroke: ink, tick: { fill: ink, fontSize: 12 } };
const legend = <Legend wrapperStyle={{ color: ink }} />;

type Series = { key: string; name: string }[];

/** Rows of named values as recharts wants them: the label and each series' value side by side. */
const flatten = (rows: { label: string; values: Record<string, number | null> }[]) =>
  rows.map((row) => ({ label: row.label, ...row.values }));

/** One bar per series, in the palette's colours. */
const seriesBars = (series: Series, options: { stackId?: string; maxBarSize?: number }) =>
  series.map((bar, i) => (
    <Bar
      key={bar.key}
      dataKey={bar.key}
      name={bar.name}
      fill={palette[i % palette.length]}
      {...options}
      isAnimationActive={false}
    />
  ));

export type TrendChartProps = {
  points: { label: string; values: Record<string, number | null> }[];
  series: Series;
  bands: { onTrack: number; behind: number };
};

export function TrendChart({ points, series, bands }: TrendChartProps) {
  const data = flatten(points);
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={margin}>
        {grid}
        <XAxis dataKey="label" {...axis} />
        <YAxis domain={[0, 100]} {...axis} unit="%" />
        <ReferenceLine y={bands.onTrack} stroke="#1e6b3a" strokeDasharray="4 4" />
        <ReferenceLine y={bands.behind} stroke="#a12626" strokeDasharray="4 4" />
        <Tooltip />
        {legend}
        {series.map((line, i) => (
          <Line
            key={line.key}
            dataKey={line.key}
            name={line.name}
            stroke={palette[i % palette.length]}
            strokeWidth={i === 0 ? 3 : 1.5}
            strokeDasharray={i === 0 ? undefined : `${2 + i} ${2}`}
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

export type CountsChartProps = {
  rows: { label: string; indicators: number; elements: number }[];
  names: { indicators: string; elements: string };
};

export function CountsChart({ rows, names }: CountsChartProps) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={rows} margin={margin}>
        {grid}
        <XAxis dataKey="label" {...axis} interval={0} />
        <YAxis allowDecimals={false} {...axis} />
        <Tooltip />
        {legend}
        <Bar dataKey="indicators" name={names.indicators} fill="#1f5f99" isAnimationActive={false} />
        <Bar dataKey="elements" name={names.elements} fill="#7a4d00" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export type ScoresChartProps = { rows: { label: string; score: number | null }[]; name: string };

/** Scores of an element's inputs (percent of expected, capped), one bar each; unjudged inputs have no bar. */
export function ScoresChart({ rows, name }: ScoresChartProps) {
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 36 + 40)}>
      <BarChart data={rows} layout="vertical" margin={{ ...margin, left: 8 }}>
        {grid}
        <XAxis type="number" domain={[0, 100]} unit="%" {...axis} />
        <YAxis type="category" dataKey="label" width={90} {...axis} />
        <ReferenceLine x={95} stroke="#1e6b3a" strokeDasharray="4 4" />
        <ReferenceLine x={85} stroke="#a12626" strokeDasharray="4 4" />
        <Tooltip />
        <Bar dataKey="score" name={name} fill="#1f5f99" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}

export type IndicatorChartProps = {
  /** One point per period: the actual (of the selection, when a filter is on), the target, the expected value. */
  points: {
    label: string;
    actual: number | null;
    target: number | null;
    expected: number | null;
    total: number | null;
    selectionTarget: number | null;
  }[];
  names: {
    actual: string;
    target: string;
    expected: string;
    total: string;
    selectionTarget: string;
    baseline: string;
  };
  /** Which of the optional lines to draw: the total beside a selection, the selection's own target. */
  show: { total: boolean; selectionTarget: boolean };
  baseline: number | null;
  /** For percentages (0–100) and milestone levels (0 … levels − 1): a fixed axis. */
  domain: [number, number] | null;
};

/** An indicator over its periods: actual as bars, target and expected as lines, the baseline as a reference line. */
export function IndicatorChart({ points, names, show, baseline, domain }: IndicatorChartProps) {
  // A line with nothing to draw (no target set, nothing expected yet) stays out of the legend too.
  const has = (key: "target" | "expected") => points.some((point) => point[key] !== null);
  return (
    <ResponsiveContainer width="100%" height={300}>
      <ComposedChart data={points} margin={{ ...margin, top: 16 }}>
        {grid}
        <XAxis dataKey="label" {...axis} />
        <YAxis domain={domain ?? [0, "auto"]} allowDecimals={domain === null || domain[1] > 10} {...axis} />
        {baseline !== null && (
          <ReferenceLine
            y={baseline}
            stroke="#5b3c8c"
            strokeDasharray="2 3"
            label={{ value: names.baseline, position: "insideBottomLeft", fill: ink, fontSize: 12 }}
          />
        )}
        <Tooltip />
        {legend}
        <Bar dataKey="actual" name={names.actual} fill="#1f5f99" maxBarSize={56} isAnimationActive={false} />
        {show.total && (
          <Line
            dataKey="total"
            name={names.total}
            stroke="#00646e"
            strokeWidth={1.5}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        )}
        {has("target") && (
          <Line
            dataKey="target"
            name={names.target}
            stroke="#1e6b3a"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        )}
        {show.selectionTarget && (
          <Line
            dataKey="selectionTarget"
            name={names.selectionTarget}
            stroke="#7a4d00"
            strokeWidth={2}
            strokeDasharray="6 2"
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        )}
        {has("expected") && (
          <Line
            dataKey="expected"
            name={names.expected}
            stroke="#a12626"
            strokeWidth={2}
            strokeDasharray="4 4"
            dot={{ r: 3 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        )}
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export type BreakdownChartProps = {
  points: { label: string; values: Record<string, number | null> }[];
  series: Series;
  /** Counts stack up to the total; percentages and levels stand side by side. */
  stacked: boolean;
};

/** A breakdown over the periods: one bar per value of the dimension (region, gender). */
export function BreakdownChart({ points, series, stacked }: BreakdownChartProps) {
  const data = flatten(points);
  return (
    <ResponsiveContainer width="100%" height={280}>
      <BarChart data={data} margin={margin}>
        {grid}
        <XAxis dataKey="label" {...axis} />
        <YAxis {...axis} />
        <Tooltip />
        {legend}
        {seriesBars(series, { stackId: stacked ? "breakdown" : undefined, maxBarSize: 56 })}
      </BarChart>
    </ResponsiveContainer>
  );
}

export type SharesChartProps = {
  rows: { label: string; values: Record<string, number | null> }[];
  series: Series;
};

/** Each row's values as shares of their sum (100 % bars): where an indicator's results were reported. */
export function SharesChart({ rows, series }: SharesChartProps) {
  const data = flatten(rows);
  return (
    <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 40 + 80)}>
      <BarChart data={data} layout="vertical" stackOffset="expand" margin={{ ...margin, left: 8 }}>
        {grid}
        <XAxis type="number" {...axis} tickFormatter={(share: number) => `${Math.round(share * 100)}%`} />
        <YAxis type="category" dataKey="label" width={90} {...axis} />
        <Tooltip />
        {legend}
        {seriesBars(series, { stackId: "shares" })}
      </BarChart>
    </ResponsiveContainer>
  );
}
