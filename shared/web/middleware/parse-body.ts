import type middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { BadBodyError } from '../http-errors.ts';
import type { BodyKind, Event, RequestBody, Result, WebContext } from './route.ts';

/** Called only once the media type is known to be JSON (or absent, on a route that takes JSON). */
const jsonParser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<
  typeof httpJsonBodyParser
>[0]);
const formParser = httpUrlencodeBodyParser({ disableContentTypeError: true });

const jsonType = /^application\/(.+\+)?json($|;)/i;
const formType = /^application\/x-www-form-urlencoded($|;)/i;

/** Forms are small; anything beyond this is not a form of ours. */
export const maxFormBytes = 16_384;

const accepts = (kind: BodyKind, sent: 'form' | 'json') => kind === sent || kind === 'form-or-json';

/** querystring's object (repeated names as arrays) as URLSearchParams, repeated names kept (checkbox groups). */
function searchParamsOf(fields: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const one of Array.isArray(value) ? value : [value ?? '']) params.append(name, one);
  return params;
}

/**
 * The body as the route declared it (@middy/http-urlencode-body-parser for forms,
 * @middy/http-json-body-parser for JSON) on `request.context.body`: no body is `none`; JSON that
 * does not parse is a 400; a form over 16 KB is a 413; a media type the route does not take is a
 * 415, raised when the route is called (after the CSRF check).
 */
export function parseBody(): middy.MiddlewareObj<Event, Result, Error, WebContext> {
  return {
    before: async (request) => {
      const kind = request.context.route?.body ?? 'none';
      const { body } = request.event;
      if (kind === 'none' || body === undefined || body === '') {
        request.context.body = { kind: 'none' };
        return;
      }
      const type = request.event.headers['content-type'] ?? '';
      let parsed: RequestBody;
      if (formType.test(type) && accepts(kind, 'form')) {
        const bytes = request.event.isBase64Encoded
          ? Buffer.from(body, 'base64').length
          : Buffer.byteLength(body);
        if (bytes > maxFormBytes) throw new BadBodyError(413, 'The form is too large');
        await formParser.before?.(request as never);
        parsed = {
          kind: 'form',
          form: searchParamsOf(request.event.body as unknown as Record<string, string>),
        };
      } else if ((jsonType.test(type) || type === '') && accepts(kind, 'json')) {
        // Without a Content-Type a JSON route reads JSON, as it always did.
        try {
          await jsonParser.before?.(request as never);
        } catch {
          throw new BadBodyError(400, 'The body is not JSON');
        }
        parsed = { kind: 'json', value: request.event.body as unknown };
      } else {
        // Refused by the route's handler, after the CSRF check (a forged request learns nothing more).
        const wanted = kind === 'form-or-json' ? 'a form or JSON' : kind === 'form' ? 'a form' : 'JSON';
        parsed = { kind: 'unsupported', problem: new BadBodyError(415, `The body must be ${wanted}`) };
      }
      request.context.body = parsed;
    },
  };
}
