import { useTheme } from '@material-ui/core/styles';
import { Line, LineChart, YAxis } from 'recharts';

/**
 * A small line of a metric's recent values. Empty buckets (no value) break the line rather than
 * dropping to zero, because a missing value is not a zero.
 */
export function Sparkline(props: {
  values: Array<number | null>;
  /** Describes the line for screen readers, with the values. */
  label: string;
  width?: number;
  height?: number;
}) {
  const theme = useTheme();
  const { values, label, width = 180, height = 32 } = props;
  if (!values.some(v => v !== null)) return null;
  const data = values.map((value, index) => ({ index, value }));
  return (
    <div role="img" aria-label={label}>
      <LineChart
        width={width}
        height={height}
        data={data}
        margin={{ top: 4, bottom: 4, left: 0, right: 0 }}
        accessibilityLayer={false}
      >
        <YAxis hide domain={['dataMin', 'dataMax']} />
        <Line
          type="monotone"
          dataKey="value"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
          connectNulls={false}
        />
      </LineChart>
    </div>
  );
}
