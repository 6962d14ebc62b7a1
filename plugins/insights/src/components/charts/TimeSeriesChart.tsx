import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useChartColors } from './useChartColors';

export type ChartSeries = {
  key: string;
  name: string;
  color: string;
  type: 'bar' | 'line';
  /** Bars with the same stack id are stacked. */
  stackId?: string;
};

export type ChartRow = { label: string } & Record<
  string,
  number | null | string
>;

/**
 * Values over time as bars and lines, with axes, tooltip and legend in the theme's colours. The chart
 * is described for screen readers by `description`; missing values leave gaps, never zeros.
 */
export function TimeSeriesChart(props: {
  rows: ChartRow[];
  series: ChartSeries[];
  format: (value: number | null) => string;
  description: string;
  height?: number;
  /** Counts of things: no fractional ticks on the value axis. */
  integer?: boolean;
  /** The value axis's ticks when they need one unit across the axis (durations); else `format`. */
  axisFormat?: (value: number | null) => string;
  /** Horizontal lines at values (thresholds), labelled. */
  thresholds?: Array<{ value: number; label: string }>;
  /** Vertical lines at row labels (events such as deployments), labelled. */
  markers?: Array<{ label: string; name: string }>;
}) {
  const { rows, series, format, description, height = 220, integer } = props;
  const colors = useChartColors();
  return (
    <div role="img" aria-label={description} style={{ width: '100%' }}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart
          data={rows}
          margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
        >
          <CartesianGrid stroke={colors.grid} vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fill: colors.text, fontSize: 12 }}
            stroke={colors.grid}
            minTickGap={12}
          />
          <YAxis
            tick={{ fill: colors.text, fontSize: 12 }}
            stroke={colors.grid}
            tickFormatter={(v: number) => (props.axisFormat ?? format)(v)}
            allowDecimals={!integer}
            width={64}
          />
          <Tooltip
            formatter={(v: unknown) => format(typeof v === 'number' ? v : null)}
            contentStyle={{
              background: colors.paper,
              borderColor: colors.grid,
              color: colors.textPrimary,
            }}
            labelStyle={{ color: colors.textPrimary }}
            cursor={{ fill: colors.grid }}
          />
          {series.length > 1 ? (
            <Legend
              wrapperStyle={{ color: colors.text, fontSize: 12 }}
              itemSorter={item =>
                series.findIndex(
                  s => s.key === item.dataKey || s.name === item.value,
                )
              }
            />
          ) : null}
          {series.map(s =>
            s.type === 'bar' ? (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                stackId={s.stackId}
                isAnimationActive={false}
              />
            ) : (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeWidth={2}
                dot={rows.length <= 16}
                connectNulls={false}
                isAnimationActive={false}
                // Straight segments: a smoothed curve overshoots between sparse points.
                type="linear"
              />
            ),
          )}
          {(props.thresholds ?? []).map(t => (
            <ReferenceLine
              key={`y-${t.label}`}
              y={t.value}
              stroke={colors.warning}
              strokeDasharray="4 4"
              label={{
                value: t.label,
                position: 'insideTopRight',
                fill: colors.text,
                fontSize: 11,
              }}
            />
          ))}
          {(props.markers ?? []).map(m => (
            <ReferenceLine
              key={`x-${m.label}-${m.name}`}
              x={m.label}
              stroke={colors.info}
              strokeDasharray="2 3"
              label={{
                value: m.name,
                position: 'insideTopLeft',
                fill: colors.text,
                fontSize: 11,
              }}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
