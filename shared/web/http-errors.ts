import type middy from '@middy/core';
import { createError } from '@middy/util';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { ZodError } from 'zod';
import { CalendarRotationConflictError } from '../calendar/calendar-subscription.ts';
import { ContactChangedError } from '../contacts/contact-errors.ts';
import { UserChangedError } from '../store/user-repository.ts';

/** An RFC 9457 problem: what went wrong, field by field. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/**
 * The one place where expected errors become HTTP statuses; @middy/http-error-handler renders them,
 * and everything unexpected stays a bare 500.
 */
export function mapKnownErrors(): middy.MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyResultV2> {
  return {
    onError: async (request) => {
      const error = request.error;
      let problem: Problem | null = null;
      if (error instanceof ZodError) {
        problem = {
          type: 'about:blank',
          title: 'The request is not valid',
          status: 400,
          errors: error.issues.map((issue) => ({
            field: issue.path.join('.') || '(request)',
            message: issue.message,
          })),
        };
      } else if (error instanceof NotFoundError) {
        problem = { type: 'about:blank', title: error.message, status: 404 };
      } else if (
        error instanceof UserChangedError ||
        error instanceof ContactChangedError ||
        error instanceof CalendarRotationConflictError
      ) {
        // Two tabs saving at once: the second lost the race and wrote nothing; reloading shows the winner.
        problem = {
          type: 'about:blank',
          title: 'It was changed meanwhile (another tab or device?); reload and try again',
          status: 409,
        };
      }
      if (problem) {
        request.error = createError(problem.status, JSON.stringify(problem), {
          expose: true,
          headers: { 'Content-Type': 'application/problem+json' },
        });
      }
    },
  };
}

/** http-error-handler labels JSON bodies application/json; problems keep their own media type. */
export function problemJsonContentType(): middy.MiddlewareObj<
  APIGatewayProxyEventV2,
  APIGatewayProxyResultV2
> {
  return {
    onError: async (request) => {
      const response = request.response;
      if (typeof response !== 'object' || response === null || !('statusCode' in response)) return;
      const status = response.statusCode ?? 500;
      if (
        status >= 400 &&
        status < 500 &&
        typeof response.body === 'string' &&
        response.body.startsWith('{"type":')
      ) {
        response.headers = { ...response.headers, 'Content-Type': 'application/problem+json' };
      }
    },
  };
}
