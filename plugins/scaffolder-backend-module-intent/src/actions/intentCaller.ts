import { AuthService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';
import { IntentApi } from '@cairn/plugin-intent-common';
import { ActionContext } from '@backstage/plugin-scaffolder-node';

/** What the actions need to reach the intent backend. */
export type IntentActionOptions = {
  client: IntentApi;
  auth: AuthService;
};

/**
 * A token for the intent backend on behalf of the task's initiator, so that the backend's permission
 * checks and its requester/approver rules see the person who started the task, not the scaffolder.
 */
export async function initiatorToken(
  auth: AuthService,
  ctx: Pick<ActionContext<any, any>, 'getInitiatorCredentials'>,
): Promise<string> {
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: await ctx.getInitiatorCredentials(),
    targetPluginId: 'intent',
  });
  return token;
}

/** The initiator's entity ref: from the credentials when they name a user, else the task's user. */
export async function initiatorRef(
  ctx: Pick<ActionContext<any, any>, 'getInitiatorCredentials' | 'user'>,
): Promise<string | undefined> {
  const principal = (await ctx.getInitiatorCredentials()).principal as {
    type: string;
    userEntityRef?: string;
  };
  if (principal.type === 'user') return principal.userEntityRef;
  return ctx.user?.ref;
}

const typed: Record<string, new (message: string) => Error> = {
  InputError,
  NotAllowedError,
  NotFoundError,
  ConflictError,
};

/** The intent backend's error as the same error type, so the task log names it (e.g. NotAllowedError). */
export function rethrowTyped(error: unknown): never {
  if (error instanceof ResponseError) {
    const Type = typed[error.body.error.name];
    if (Type) throw new Type(error.body.error.message);
  }
  throw error;
}
