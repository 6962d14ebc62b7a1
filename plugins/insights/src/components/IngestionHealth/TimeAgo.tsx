import { formatDateTime, formatRelativeTime } from '../../format/format';
import { useTimeZone } from '../../hooks/useTimeZone';

/**
 * A moment as "12 min ago · 22 Nov 2026, 13:50 CET" (relative to `now`, exact in the portal's zone),
 * or what to say when there is none.
 */
export function TimeAgo(props: {
  iso: string | null;
  now: number;
  never?: string;
}) {
  const { iso, now, never = 'never' } = props;
  const zone = useTimeZone();
  if (!iso) return <span>{never}</span>;
  const exact = formatDateTime(iso, zone);
  return (
    <time dateTime={iso} title={iso}>
      {formatRelativeTime(iso, now)} · {exact}
    </time>
  );
}
