import {
  SloAlertStatus,
  SloObjectiveStatus,
  SloStatus,
} from '@cairn/plugin-insights-common';

/*
 * How SLO numbers read. Shares are cut, never rounded up, so 99.95 % does not read as 100 % and an SLI
 * just under its target does not read as meeting it.
 */

/** A share as a percentage with enough decimals to tell it from the next step (cut, not rounded). */
export function formatShare(share: number | null | undefined, decimals = 2) {
  if (share === null || share === undefined || Number.isNaN(share)) return '—';
  if (share === 1) return '100 %';
  const factor = 10 ** decimals;
  // Rounded at 6 decimals first, so 0.9712 (9711.999… after scaling) still cuts to 97.12.
  const cut = Math.trunc(Number((share * 100 * factor).toFixed(6))) / factor;
  return `${cut.toLocaleString('en', {
    minimumFractionDigits: 0,
    maximumFractionDigits: decimals,
  })} %`;
}

/** A target such as 0.999 as "99.9 %" (targets are exact decimals). */
export function formatTarget(target: number) {
  return `${Number((target * 100).toPrecision(10)).toLocaleString('en', {
    maximumFractionDigits: 4,
  })} %`;
}

/** Hours as "3 h 20 min", "2 d 4 h", "45 min". */
export function formatHours(hours: number | null | undefined) {
  if (hours === null || hours === undefined) return '—';
  const minutes = Math.round(hours * 60);
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60)
    return `${Math.floor(minutes / 60)} h${
      minutes % 60 ? ` ${minutes % 60} min` : ''
    }`;
  const days = Math.floor(minutes / 1440);
  const restHours = Math.floor((minutes % 1440) / 60);
  return `${days} d${restHours ? ` ${restHours} h` : ''}`;
}

/** Whole numbers of events with separators; small fractions (pushed ratios) with one decimal. */
export function formatCount(n: number) {
  return n.toLocaleString('en', {
    maximumFractionDigits: Math.abs(n) < 100 && !Number.isInteger(n) ? 1 : 0,
  });
}

/** A burn rate: "12.4×". */
export function formatBurnRate(rate: number | null | undefined) {
  if (rate === null || rate === undefined) return '—';
  return `${rate.toLocaleString('en', {
    maximumFractionDigits: rate < 10 ? 1 : 0,
  })}×`;
}

export const ALERT_LABELS: Record<SloAlertStatus, string> = {
  page: 'Page',
  ticket: 'Ticket',
  ok: 'OK',
  'too-little-traffic': 'Too little traffic',
  'no-data': 'No data',
};

/** A latency objective in words: "p95 under 400 ms" style, from its op and value (seconds). */
export function objectiveLabel(slo: SloStatus, o: SloObjectiveStatus) {
  if (o.name) return o.name;
  if (slo.indicator.kind === 'threshold' && o.op && o.value !== null) {
    const words = { lt: 'under', lte: 'at most', gt: 'over', gte: 'at least' };
    const value =
      o.value < 1 ? `${Math.round(o.value * 1000)} ms` : `${o.value} s`;
    return `${words[o.op]} ${value}`;
  }
  return `${formatTarget(o.target)} good`;
}

/** What the remaining budget means in the SLO's own terms. */
export function budgetLeftText(slo: SloStatus, o: SloObjectiveStatus) {
  if (!o.budget) return null;
  const { remaining, badEventsLeft, outageMinutesLeft } = o.budget;
  if (remaining <= 0)
    return `overspent by ${formatCount(Math.abs(badEventsLeft))} bad ${
      slo.budgetingMethod === 'Occurrences' ? 'events' : 'slices'
    }`;
  return `${formatHours(
    outageMinutesLeft / 60,
  )} of full outage, or ${formatCount(badEventsLeft)} bad ${
    slo.budgetingMethod === 'Occurrences' ? 'events' : 'slices'
  }, left`;
}
