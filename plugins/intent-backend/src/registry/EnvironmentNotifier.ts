import { LoggerService } from '@backstage/backend-plugin-api';
import {
  EnvironmentSummary,
  Intent,
  TeardownPlan,
} from '@cairn/plugin-intent-common';
import { NotificationService } from '@backstage/plugin-notifications-node';

/**
 * Tells people what happened to their environments through Backstage notifications. A portal without
 * the notifications backend loses the message, never the registry change: failures are logged.
 */
export class EnvironmentNotifier {
  constructor(
    private readonly options: {
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /** The named approver (if the intent names one) learns that a production environment waits for them. */
  async approvalNeeded(environment: EnvironmentSummary, intent: Intent) {
    const approver = intent.spec.constraints.approver;
    if (!approver) return;
    await this.send(approver, {
      title: `Production environment ${environment.name} waits for your approval`,
      description: `${environment.requester} requested ${environment.name} (prod) for ${environment.owner}, $${environment.monthlyCostLowUsd}–$${environment.monthlyCostHighUsd} per month. Approve it with the "Approve a production environment" template, environment id ${environment.id}.`,
      severity: 'high',
      scope: `intent-approval-${environment.id}`,
    });
  }

  /** The owner learns that an environment expires soon, and how to keep it. */
  async expiresSoon(environment: EnvironmentSummary, maxHours?: number) {
    await this.send(environment.owner, {
      title: `Environment ${environment.name} (${environment.environment}) expires at ${environment.expiresAt}`,
      description: `It will be torn down then, with its data. To keep it, extend it from its page${
        maxHours !== undefined ? ` by up to ${maxHours} hours` : ''
      }. Environment id ${environment.id}.`,
      severity: 'normal',
      scope: `intent-expiry-soon-${environment.id}`,
    });
  }

  /** The owner learns that an environment expired, and what its teardown takes. */
  async expired(environment: EnvironmentSummary, plan: TeardownPlan) {
    await this.send(environment.owner, {
      title: `Environment ${environment.name} (${environment.environment}) has expired`,
      description: `${
        plan.reason === 'ttl'
          ? `Its TTL ended at ${environment.expiresAt}.`
          : 'Its teardown was requested.'
      } Teardown: ${plan.steps.join('; ') || 'nothing was rendered'} (${
        plan.resources.length
      } resource(s)). Environment id ${environment.id}.`,
      severity: 'normal',
      scope: `intent-expiry-${environment.id}`,
    });
  }

  private async send(
    entityRef: string,
    payload: {
      title: string;
      description: string;
      severity: 'high' | 'normal';
      scope: string;
    },
  ) {
    if (!this.options.notifications) return;
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef },
        payload: { ...payload, topic: 'cairn-environments' },
      });
    } catch (error) {
      this.options.logger.warn(
        `Could not notify ${entityRef} ("${payload.title}"): ${
          (error as Error).message
        }`,
      );
    }
  }
}
