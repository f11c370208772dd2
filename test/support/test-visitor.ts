import type { StoredMail } from './local-ses.ts';

/*
 * A tiny browser for integration tests: keeps cookies, does not follow redirects, posts forms; and the
 * whole passwordless sign-in through the emailed link, as a person does it.
 */

export interface VisitorRequest {
  method?: string;
  /** Sent as application/x-www-form-urlencoded; arrays repeat the field (checkbox groups). */
  form?: Record<string, string | readonly string[]>;
  headers?: Record<string, string>;
  body?: string;
}

export interface TestVisitor {
  readonly jar: Map<string, string>;
  request(path: string, init?: VisitorRequest): Promise<{ response: Response; text: string }>;
}

export function formBody(form: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const one of typeof value === 'string' ? [value] : value) params.append(name, one);
  }
  return params.toString();
}

export function testVisitor(baseUrl: string): TestVisitor {
  const jar = new Map<string, string>();
  return {
    jar,
    async request(path, init = {}) {
      const response = await fetch(`${baseUrl}${path}`, {
        method: init.method ?? (init.form ? 'POST' : 'GET'),
        redirect: 'manual',
        headers: {
          ...(jar.size > 0 ? { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') } : {}),
          ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...init.headers,
        },
        ...(init.form ? { body: formBody(init.form) } : init.body ? { body: init.body } : {}),
        signal: AbortSignal.timeout(20_000),
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const index = pair.indexOf('=');
        const name = pair.slice(0, index);
        const value = pair.slice(index + 1);
        if (/Max-Age=0/.test(cookie) || value === '') jar.delete(name);
        else jar.set(name, value);
      }
      return { response, text: await response.text() };
    },
  };
}

/** The CSRF token of the first form on a page. */
export const csrfIn = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

export async function signInLinkFor(inbox: () => Promise<StoredMail[]>, email: string): Promise<string> {
  const mails = (await inbox()).filter((mail) => mail.destination.to.some((to) => to.includes(email)));
  const text = mails.at(-1)?.body.text ?? '';
  return /(http:\/\/\S+\/sign-in\/\S+)/.exec(text)?.[1] ?? '';
}

/** Signs `email` in (making the account on first use); the visitor then holds the session cookie. */
export async function signInVisitor(baseUrl: string, inbox: () => Promise<StoredMail[]>, email: string) {
  const visitor = testVisitor(baseUrl);
  const form = await visitor.request('/sign-in');
  await visitor.request('/sign-in', { form: { email, csrf: csrfIn(form.text) } });
  const link = await signInLinkFor(inbox, email);
  if (!link) throw new Error(`no sign-in link was mailed to ${email}`);
  const question = await visitor.request(new URL(link).pathname);
  const done = await visitor.request(new URL(link).pathname, { form: { csrf: csrfIn(question.text) } });
  return { visitor, link, done };
}
