import Typography from '@material-ui/core/Typography';
import { DoraRollup, MetricId } from '@cairn/plugin-insights-common';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { durationAxis } from '../../format/format';
import { METRICS } from '../common/metrics';
import { useChartColors } from '../charts/useChartColors';

/**
 * One metric's value for each component, best first, with the median component as a line: the
 * spread across the team, not a blended number.
 */
export function ComponentValuesChart(props: {
  rollup: DoraRollup;
  metric: MetricId;
  /** Components' catalog titles by reference (`useComponentTitles`); the name where none. */
  titles: Record<string, string>;
}) {
  const { rollup, metric, titles } = props;
  const info = METRICS[metric];
  const colors = useChartColors();
  const rows = rollup.components
    .filter(c => c.metrics[metric].value !== null)
    .map(c => ({
      name: titles[c.entityRef] ?? parseEntityRef(c.entityRef).name,
      value: c.metrics[metric].value as number,
    }))
    .sort((a, b) =>
      info.higherIsBetter ? b.value - a.value : a.value - b.value,
    );
  const median = rollup.distribution[metric].median;
  const format = info.format;
  // One unit across the axis for durations ("0 h, 12 h, 24 h", not "0 s, 33 min, 1.1 h").
  const tick =
    info.kind === 'duration' ? durationAxis(rows.map(r => r.value)) : format;
  const description = `${info.label} by component, best first: ${rows
    .map(r => `${r.name} ${format(r.value)}`)
    .join('; ')}${median !== null ? `. Median ${format(median)}` : ''}`;
  if (rows.length === 0) return null;
  return (
    <div role="img" aria-label={description}>
      <ResponsiveContainer
        width="100%"
        height={Math.max(80, rows.length * 28 + 40)}
      >
        <BarChart
          data={rows}
          layout="vertical"
          margin={{ top: 4, right: 16, bottom: 4, left: 8 }}
        >
          <CartesianGrid stroke={colors.grid} horizontal={false} />
          <XAxis
            type="number"
            tick={{ fill: colors.text, fontSize: 12 }}
            stroke={colors.grid}
            tickFormatter={(v: number) => tick(v)}
          />
          <YAxis
            type="category"
            dataKey="name"
            width={130}
            tick={{ fill: colors.text, fontSize: 12 }}
            stroke={colors.grid}
          />
          <Tooltip
            formatter={(v: unknown) =>
              info.format(typeof v === 'number' ? v : null)
            }
            contentStyle={{
              background: colors.paper,
              borderColor: colors.grid,
              color: colors.textPrimary,
            }}
            cursor={{ fill: colors.grid }}
          />
          <Bar
            dataKey="value"
            name={info.label}
            fill={colors.primary}
            isAnimationActive={false}
          />
          {median !== null ? (
            <ReferenceLine
              x={median}
              stroke={colors.secondary}
              strokeDasharray="4 4"
              label={{
                value: `median ${format(median)}`,
                fill: colors.text,
                fontSize: 11,
                position: 'top',
              }}
            />
          ) : null}
        </BarChart>
      </ResponsiveContainer>
      <Typography variant="caption" component="p">
        Bars: each component&apos;s value over the range.
        {median !== null
          ? ` Dashed line: the median across the team's components (${format(
              median,
            )}).`
          : ''}
      </Typography>
    </div>
  );
}
