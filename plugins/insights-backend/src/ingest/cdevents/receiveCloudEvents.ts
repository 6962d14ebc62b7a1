import { clip, findJsonProblem } from '@cairn/backend-common';
import { EventValidationError } from '@cairn/plugin-insights-common';
import { CloudEventV1, CONSTANTS, HTTP } from 'cloudevents';

export type ReceivedCloudEvents =
  | { ok: true; events: CloudEventV1<unknown>[] }
  | { ok: false; errors: EventValidationError[] };

const message = (error: unknown) => {
  const e = error as { message?: string; errors?: unknown };
  const details = Array.isArray(e.errors)
    ? e.errors
        .map((d: { instancePath?: string; message?: string }) =>
          [d.instancePath?.replace(/^\//, ''), d.message]
            .filter(Boolean)
            .join(' '),
        )
        .join('; ')
    : '';
  // The SDK's messages can carry whole attribute values; never echo more than a line of them.
  return clip([e.message, details].filter(Boolean).join(': '), 300);
};

/** The CloudEvents specification version Cairn reads (CloudEvents 1.0, HTTP binding). */
const SPEC_VERSION = '1.0';

/** Nesting, lone surrogates: checked on the JSON before the SDK or a schema recurses into it. */
function jsonProblem(body: string): EventValidationError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // not JSON: the SDK says what is wrong with it
  }
  const problem = findJsonProblem(parsed, 'body');
  return problem && { index: 0, path: problem.path, message: problem.message };
}

/** Context attributes the SDK passes through as they came: Cairn reads them as text. */
const REQUIRED_TEXT = ['id', 'source', 'type', 'specversion'] as const;
const OPTIONAL_TEXT = ['subject', 'time', 'datacontenttype', 'dataschema'];

function attributeErrors(events: CloudEventV1<unknown>[]) {
  return events.flatMap((event, index) => {
    const attributes = event as unknown as Record<string, unknown>;
    return [
      ...REQUIRED_TEXT.filter(
        a => typeof attributes[a] !== 'string' || attributes[a] === '',
      ).map(a => ({
        index,
        path: `events[${index}].${a}`,
        message: 'must be a non-empty string',
      })),
      ...OPTIONAL_TEXT.filter(
        a => attributes[a] !== undefined && typeof attributes[a] !== 'string',
      ).map(a => ({
        index,
        path: `events[${index}].${a}`,
        message: 'must be a string',
      })),
    ];
  });
}

function specVersionErrors(events: CloudEventV1<unknown>[]) {
  return events.flatMap((event, index) =>
    typeof event.specversion !== 'string' || event.specversion === SPEC_VERSION
      ? []
      : [
          {
            index,
            path: `events[${index}].specversion`,
            message: `must be '${SPEC_VERSION}' (CloudEvents 1.0), not '${clip(
              String(event.specversion),
              20,
            )}'`,
          },
        ],
  );
}

/**
 * Reads CloudEvents from an HTTP request in any of the binding's three modes (binary, structured,
 * batched) with the CloudEvents SDK. A batch with invalid members is re-read member by member, so that
 * every invalid one is reported with its index.
 */
export function receiveCloudEvents(request: {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}): ReceivedCloudEvents {
  const problem = jsonProblem(request.body);
  if (problem) return { ok: false, errors: [problem] };
  try {
    const received = HTTP.toEvent(request);
    const events = Array.isArray(received) ? received : [received];
    const errors = [...attributeErrors(events), ...specVersionErrors(events)];
    return errors.length ? { ok: false, errors } : { ok: true, events };
  } catch (error) {
    const contentType = String(request.headers['content-type'] ?? '');
    if (!contentType.startsWith(CONSTANTS.MIME_CE_BATCH)) {
      return {
        ok: false,
        errors: [{ index: 0, path: 'events[0]', message: message(error) }],
      };
    }
    let members: unknown;
    try {
      members = JSON.parse(request.body);
    } catch (parseError) {
      return {
        ok: false,
        errors: [
          {
            index: 0,
            path: 'body',
            message: `must be a JSON array of CloudEvents: ${message(
              parseError,
            )}`,
          },
        ],
      };
    }
    if (!Array.isArray(members)) {
      return {
        ok: false,
        errors: [
          {
            index: 0,
            path: 'body',
            message: 'must be a JSON array of CloudEvents',
          },
        ],
      };
    }
    const errors: EventValidationError[] = [];
    members.forEach((member, index) => {
      try {
        HTTP.toEvent({
          headers: { 'content-type': CONSTANTS.DEFAULT_CE_CONTENT_TYPE },
          body: JSON.stringify(member),
        });
      } catch (memberError) {
        errors.push({
          index,
          path: `events[${index}]`,
          message: message(memberError),
        });
      }
    });
    if (errors.length === 0) {
      errors.push({ index: 0, path: 'body', message: message(error) });
    }
    return { ok: false, errors };
  }
}
