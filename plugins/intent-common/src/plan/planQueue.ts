import { QueuePlan } from './planTypes';
import { PlanningContext } from './PlanningContext';

const QUEUE_RETENTION_DAYS = 7;

/** A queue with a dead-letter queue; monthly messages from the average request rate. */
export function planQueue(
  ctx: PlanningContext,
  requestsPerMonth: number,
): QueuePlan | undefined {
  const { intent, assumptions: a, trail } = ctx;
  if (!intent.spec.services.includes('queue')) return undefined;
  const sizing = intent.spec.sizing;
  const explicit =
    sizing.level === 'explicit' && ctx.loadFactor === 1
      ? sizing.queue
      : undefined;
  const messagesPerMonth = explicit
    ? trail.record(
        'queue.messagesPerMonth',
        explicit.messagesPerMonth,
        'explicit: the volume the intent names',
        { inputs: {}, assumptions: [] },
      )
    : trail.record(
        'queue.messagesPerMonth',
        Math.ceil(requestsPerMonth * a.messagesPerRequest),
        'requests per month × messages per request',
        {
          formula: 'requestsPerMonth × messagesPerRequest',
          inputs: { requestsPerMonth },
          assumptions: ['messagesPerRequest'],
        },
      );
  const retentionDays = trail.record(
    'queue.retentionDays',
    QUEUE_RETENTION_DAYS,
    'platform standard: a week to recover from a consumer outage',
    { inputs: {}, assumptions: [] },
  );
  return {
    deadLetterQueue: true,
    messagesPerMonth,
    retentionDays,
    encryption: { atRest: true, inTransit: true },
  };
}
