/** An epoch-ms instant as an ISO 8601 timestamp in UTC (how every Cairn API writes times). */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
