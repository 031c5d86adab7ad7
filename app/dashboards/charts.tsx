import {
  Bar,
  BarChart,
  CartesianGrid,
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

export type TrendChartProps = {
  points: { label: string; values: Record<string, number | null> }[];
  series: { key: string; name: string }[];
  bands: { onTrack: number; behind: number };
};

export function TrendChart({ points, series, bands }: TrendChartProps) {
  const data = points.map((point) => ({ label: point.label, ...point.values }));
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#d9dde4" />
        <XAxis dataKey="label" stroke={ink} tick={{ fill: ink, fontSize: 12 }} />
        <YAxis domain={[0, 100]} stroke={ink} tick={{ fill: ink, fontSize: 12 }} unit="%" />
        <ReferenceLine y={bands.onTrack} stroke="#1e6b3a" strokeDasharray="4 4" />
        <ReferenceLine y={bands.behind} stroke="#a12626" strokeDasharray="4 4" />
        <Tooltip />
        <Legend wrapperStyle={{ color: ink }} />
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
      <BarChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
        <CartesianGrid stroke="#d9dde4" />
        <XAxis dataKey="label" stroke={ink} tick={{ fill: ink, fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} stroke={ink} tick={{ fill: ink, fontSize: 12 }} />
        <Tooltip />
        <Legend wrapperStyle={{ color: ink }} />
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
      <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#d9dde4" />
        <XAxis type="number" domain={[0, 100]} unit="%" stroke={ink} tick={{ fill: ink, fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={90} stroke={ink} tick={{ fill: ink, fontSize: 12 }} />
        <ReferenceLine x={95} stroke="#1e6b3a" strokeDasharray="4 4" />
        <ReferenceLine x={85} stroke="#a12626" strokeDasharray="4 4" />
        <Tooltip />
        <Bar dataKey="score" name={name} fill="#1f5f99" isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
