import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  initiatorToken,
  IntentActionOptions,
  rethrowTyped,
} from './intentCaller';
import { examples } from './approve.examples';
import { withOutputExamples } from './outputExamples';

/**
 * `cairn:environment:approve`: approves a production environment as the task's initiator. The intent
 * backend checks `intent.environment.approve` with the initiator's own credentials and refuses the
 * environment's requester, so an "Approve a production environment" template is the approver's task,
 * never the requester's.
 */
export function createApproveAction(options: IntentActionOptions) {
  const action = createTemplateAction({
    id: 'cairn:environment:approve',
    description:
      'Approves a production environment awaiting approval, as the task initiator',
    examples,
    schema: {
      input: {
        environmentId: z => z.string().min(1).describe('The environment id'),
        reviewUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The review that approved it, e.g. the merged pull request',
            ),
        comment: z => z.string().optional(),
      },
      output: {
        environmentId: z => z.string(),
        status: z => z.string(),
        approvedBy: z => z.string(),
      },
    },
    async handler(ctx) {
      try {
        const token = await initiatorToken(options.auth, ctx);
        const environment = await options.client.approveEnvironment(
          ctx.input.environmentId,
          {
            reviewUrl: ctx.input.reviewUrl || undefined,
            comment: ctx.input.comment || undefined,
          },
          { token },
        );
        ctx.logger.info(
          `Environment ${environment.id} (${environment.name}) approved by ${environment.approvedBy}; it is ${environment.status}`,
        );
        ctx.output('environmentId', environment.id);
        ctx.output('status', environment.status);
        ctx.output('approvedBy', environment.approvedBy ?? '');
      } catch (error) {
        rethrowTyped(error);
      }
    },
  });
  return withOutputExamples(action, {
    environmentId: '6b1f0c2e-3d4a-4f5b-8c6d-7e8f9a0b1c2d',
    status: 'active',
    approvedBy: 'user:default/priya.raman',
  });
}
