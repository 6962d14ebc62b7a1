import { formatDateTime, formatRelativeTime } from '../../format/format';

/**
 * A moment as "12 min ago · 22 Nov 2026, 13:50" (relative to `now`, exact in the browser's time zone),
 * or what to say when there is none.
 */
export function TimeAgo(props: {
  iso: string | null;
  now: number;
  never?: string;
}) {
  const { iso, now, never = 'never' } = props;
  if (!iso) return <span>{never}</span>;
  const exact = formatDateTime(iso);
  return (
    <time dateTime={iso} title={iso}>
      {formatRelativeTime(iso, now)} · {exact}
    </time>
  );
}
