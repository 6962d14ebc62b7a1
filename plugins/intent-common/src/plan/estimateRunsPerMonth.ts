import { InputError } from '@backstage/errors';

const DAYS_PER_MONTH = 30.42; // 365 / 12
const WEEKS_PER_MONTH = DAYS_PER_MONTH / 7;

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = [
  'JAN',
  'FEB',
  'MAR',
  'APR',
  'MAY',
  'JUN',
  'JUL',
  'AUG',
  'SEP',
  'OCT',
  'NOV',
  'DEC',
];

/** Replaces day or month names (MON-FRI, JAN) by their numbers, as crontab(5) allows. */
function numbered(field: string, names: string[], offset: number): string {
  return field.toUpperCase().replace(/[A-Z]{3}/g, n => {
    const i = names.indexOf(n);
    return i < 0 ? n : String(i + offset);
  });
}

/** How many values one cron field matches: `*`, `*\/n`, lists and ranges (`1,15`, `1-5`). */
function fieldCount(field: string, size: number, path: string): number {
  if (field === '*' || field === '?') return size;
  let count = 0;
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) {
      throw new InputError(`${path}: cannot read the cron step in "${part}"`);
    }
    if (range === '*') {
      count += Math.ceil(size / step);
    } else if (/^\d+-\d+$/.test(range)) {
      const [from, to] = range.split('-').map(Number);
      count += Math.floor((to - from) / step) + 1;
    } else if (/^\d+$/.test(range)) {
      count += 1;
    } else {
      throw new InputError(
        `${path}: cannot read the cron field "${field}" (use numbers, *, lists, ranges and steps)`,
      );
    }
  }
  return count;
}

/**
 * Runs per month of a five-field cron schedule (minute hour day-of-month month day-of-week), the POSIX
 * crontab format. Months other than `*` scale the result by the share of the year they cover.
 */
export function estimateRunsPerMonth(schedule: string, path: string): number {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) {
    throw new InputError(
      `${path}: must be a five-field cron expression (minute hour day-of-month month day-of-week), got "${schedule}"`,
    );
  }
  const [minute, hour, dom] = fields;
  const month = numbered(fields[3], MONTH_NAMES, 1);
  const dow = numbered(fields[4], DAY_NAMES, 0);
  const perDay = fieldCount(minute, 60, path) * fieldCount(hour, 24, path);
  let daysPerMonth: number;
  if (dom === '*' && dow === '*') daysPerMonth = DAYS_PER_MONTH;
  else if (dom === '*')
    daysPerMonth = fieldCount(dow, 7, path) * WEEKS_PER_MONTH;
  else daysPerMonth = fieldCount(dom, 31, path);
  const monthShare = month === '*' ? 1 : fieldCount(month, 12, path) / 12;
  return perDay * daysPerMonth * monthShare;
}
