import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ContactChangedError } from '../../../shared/contacts/contact-errors.ts';
import { UserChangedError } from '../../../shared/store/user-repository.ts';
import { mapKnownErrors, NotFoundError } from '../../../shared/web/http-errors.ts';

/** What the middleware leaves as the request's error: an HTTP error with a problem body, or the original. */
async function mapped(error: unknown) {
  const request = { error, event: {} as APIGatewayProxyEventV2 } as Parameters<
    NonNullable<ReturnType<typeof mapKnownErrors>['onError']>
  >[0];
  await mapKnownErrors().onError?.(request);
  const result = request.error as Error & { statusCode?: number };
  return { statusCode: result.statusCode, body: result.statusCode ? JSON.parse(result.message) : null };
}

describe('mapKnownErrors', () => {
  it('turns a validation error into a 400 problem naming each field', async () => {
    const error = z.object({ hour: z.number() }).safeParse({ hour: 'x' }).error;
    expect(await mapped(error)).toMatchObject({ statusCode: 400, body: { errors: [{ field: 'hour' }] } });
  });

  it('turns a lost optimistic-concurrency race into a 409 that says to reload', async () => {
    for (const error of [new UserChangedError('usr'), new ContactChangedError('con')])
      expect(await mapped(error)).toMatchObject({ statusCode: 409, body: { status: 409 } });
  });

  it('maps NotFoundError to 404 and leaves anything unexpected alone (a 500)', async () => {
    expect((await mapped(new NotFoundError('No such thing'))).statusCode).toBe(404);
    expect(await mapped(new TypeError('boom'))).toEqual({ statusCode: undefined, body: null });
  });
});
