import { addContact } from '../contacts/add-contact.ts';
import { changeContact } from '../contacts/change-contact.ts';
import type { Contact } from '../contacts/contact.ts';
import type { ContactActionDependencies } from '../contacts/contact-action-dependencies.ts';
import { ContactNotFoundError } from '../contacts/contact-errors.ts';
import type { ContactChanges, NewContactInput } from '../contacts/contact-input.ts';
import { markContactTalked } from '../contacts/mark-talked.ts';
import { nextDueDate } from '../contacts/next-due-date.ts';
import { removeContact } from '../contacts/remove-contact.ts';
import { defaultSnoozeDays, snoozeContact, snoozeDaysSchema } from '../contacts/snooze-contact.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import {
  type ContactFormErrors,
  contactFieldsFromForm,
  contactFormValuesFrom,
  contactFormValuesOf,
  futureDateMessage,
} from './contact-form.ts';
import {
  doneMessages,
  isContactsDone,
  renderContactChangedPage,
  renderContactEditPage,
  renderContactNotFoundPage,
  renderContactsPage,
} from './contact-pages.tsx';
import type { KnownProblem } from './http-errors.ts';
import {
  formOf,
  jsonOf,
  type Method,
  type Result,
  respond,
  route,
  type SignedInRequest,
} from './middleware/route.ts';
import { emptyResponse, htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import type { SignedInDependencies, SignedInVisitor } from './signed-in.ts';

/*
 * Contacts, as pages and as the JSON API (one route each, answering as asked): a page's POST carries
 * the session's CSRF token and answers 303 back to the list (Post/Redirect/Get); a JSON call answers
 * with the contact. A contact id is only ever looked up under the session's user, so another user's
 * id is simply "no such contact" (404). A form with problems comes back as a 400 page with the values
 * as typed; nothing is written.
 */

export interface ContactPageDependencies extends SignedInDependencies {
  readonly contactActions: ContactActionDependencies;
}

/** Ids are ours (`con_…`); anything else cannot name a contact, so it is not even looked up. */
const plausibleId = /^[A-Za-z0-9_-]{1,64}$/;

const snoozeProblem = 'Snooze: the number of days must be a whole number from 1 to 365';
const snoozeSchema = lazySchema(() => z.object({ days: z._default(snoozeDaysSchema, defaultSnoozeDays) }));

/** The optional `days` of a snooze form: a week when absent. */
function snoozeDaysOf(form: URLSearchParams): number | null {
  const raw = form.get('days')?.trim() ?? '';
  if (raw === '') return defaultSnoozeDays;
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && value <= 365 ? value : null;
}

const contactView = (contact: Contact) => ({ ...contact, nextDueOn: nextDueDate(contact) });

/** The contact of the path; an id that cannot be one is "no such contact" without a lookup. */
function contactIdOf(request: SignedInRequest): string {
  const id = request.param('id');
  if (!plausibleId.test(id)) throw new ContactNotFoundError(id);
  return id;
}

/** The same route at the JSON API's address. */
const api = (method: Method, path: string) => [{ method, path: `/api${path}` }];

type FormState = { values: ReturnType<typeof contactFormValuesFrom>; errors: ContactFormErrors };

export function contactPageRoutes(deps: ContactPageDependencies) {
  const actions = deps.contactActions;

  const listPage = async (
    visitor: SignedInVisitor,
    statusCode: number,
    extra: Omit<Parameters<typeof renderContactsPage>[0], 'contacts' | 'today' | 'csrf' | 'nav'> = {},
  ) =>
    htmlResponse(
      statusCode,
      renderContactsPage({
        contacts: await actions.contacts.listForUser(visitor.profile.id),
        today: visitor.today,
        csrf: visitor.csrf,
        nav: visitor.nav('contacts'),
        ...extra,
      }),
    );

  const notFound = (visitor: SignedInVisitor) =>
    htmlResponse(404, renderContactNotFoundPage(visitor.nav('contacts')));

  const editPage = (visitor: SignedInVisitor, contact: Contact, statusCode = 200, form?: FormState) =>
    htmlResponse(
      statusCode,
      renderContactEditPage({
        contact,
        values: form?.values ?? contactFormValuesOf(contact),
        errors: form?.errors ?? {},
        today: visitor.today,
        csrf: visitor.csrf,
        nav: visitor.nav('contacts'),
      }),
    );

  /** The edit page again with the form as sent and its problems; 404 when the contact is gone. */
  const editPageWithProblems = async (visitor: SignedInVisitor, contactId: string, form: FormState) => {
    const contact = await actions.contacts.get(visitor.profile.id, contactId);
    return contact ? editPage(visitor, contact, 400, form) : notFound(visitor);
  };

  /** A contact action that failed, on the page: no such contact (404) or changed meanwhile (409). */
  const contactProblemPage = (request: SignedInRequest, { problem }: KnownProblem) => {
    if (problem.status === 404) return notFound(request.visitor);
    if (problem.status === 409)
      return htmlResponse(
        409,
        renderContactChangedPage(request.visitor.nav('contacts'), request.param('id')),
      );
    return null;
  };

  /** A page's redirect back to the list, or the contact as JSON. */
  const answer = (request: SignedInRequest, done: string, statusCode: number, contact: Contact | null) =>
    respond(request, {
      html: () => redirectResponse(`/contacts?done=${done}`),
      json: () =>
        contact ? jsonResponse(statusCode, { contact: contactView(contact) }) : emptyResponse(statusCode),
    });

  return [
    ...route(
      {
        method: 'GET',
        path: '/contacts',
        access: 'visitor',
        handler: async (request) => {
          const done = request.query('done');
          return respond(request, {
            html: () =>
              listPage(request.visitor, 200, { status: isContactsDone(done) ? doneMessages[done] : null }),
            json: async () =>
              jsonResponse(200, {
                contacts: (await actions.contacts.listForUser(request.visitor.profile.id)).map(contactView),
              }),
          });
        },
      },
      api('GET', '/contacts'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/contacts',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request): Promise<Result> => {
          let input: NewContactInput;
          if (request.body.kind === 'form') {
            const values = contactFormValuesFrom(request.body.form);
            const parsed = contactFieldsFromForm(values, request.visitor.today, { cadenceMayBeEmpty: true });
            if (!parsed.ok) return listPage(request.visitor, 400, { form: values, errors: parsed.errors });
            input = parsed.fields;
          } else input = jsonOf(request) as NewContactInput;
          const contact = await addContact(actions, request.visitor.profile, input, new Date());
          return answer(request, 'added', 201, contact);
        },
        // The form was checked against today; only midnight in between makes the date "future".
        problemPage: (request, { problem }) =>
          problem.status === 400
            ? listPage(request.visitor, 400, {
                form: contactFormValuesFrom(formOf(request)),
                errors: { lastTalkedOn: futureDateMessage },
              })
            : null,
      },
      api('POST', '/contacts'),
    ),
    ...route({
      method: 'GET',
      path: '/contacts/{id}',
      access: 'visitor',
      handler: async (request) => {
        const contact = await actions.contacts.get(request.visitor.profile.id, contactIdOf(request));
        if (!contact) throw new ContactNotFoundError(request.param('id'));
        return editPage(request.visitor, contact);
      },
      problemPage: contactProblemPage,
    }),
    ...route(
      {
        method: 'POST',
        path: '/contacts/{id}',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request): Promise<Result> => {
          const contactId = contactIdOf(request);
          let changes: ContactChanges;
          if (request.body.kind === 'form') {
            const values = contactFormValuesFrom(request.body.form);
            const parsed = contactFieldsFromForm(values, request.visitor.today, { cadenceMayBeEmpty: false });
            if (!parsed.ok)
              return editPageWithProblems(request.visitor, contactId, { values, errors: parsed.errors });
            changes = parsed.fields;
          } else changes = (jsonOf(request) ?? {}) as ContactChanges;
          const contact = await changeContact(
            actions,
            request.visitor.profile,
            contactId,
            changes,
            new Date(),
          );
          return answer(request, 'saved', 200, contact);
        },
        problemPage: (request, known) =>
          known.problem.status === 400
            ? editPageWithProblems(request.visitor, request.param('id'), {
                values: contactFormValuesFrom(formOf(request)),
                errors: { lastTalkedOn: futureDateMessage },
              })
            : contactProblemPage(request, known),
      },
      api('PATCH', '/contacts/{id}'),
    ),
    ...route(
      {
        // "We talked today": the same use case as the reminder email's link and the CLI.
        method: 'POST',
        path: '/contacts/{id}/talked',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const talked = await markContactTalked(
            actions,
            request.visitor.profile,
            contactIdOf(request),
            new Date(),
          );
          return answer(request, 'talked', 200, talked.contact);
        },
        problemPage: contactProblemPage,
      },
      api('POST', '/contacts/{id}/talked'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/contacts/{id}/snooze',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request): Promise<Result> => {
          const contactId = contactIdOf(request);
          const days =
            request.body.kind === 'form'
              ? snoozeDaysOf(request.body.form)
              : snoozeSchema.parse(jsonOf(request) ?? {}).days;
          if (days === null) return listPage(request.visitor, 400, { problems: [snoozeProblem] });
          const contact = await snoozeContact(actions, request.visitor.profile, contactId, days, new Date());
          return answer(request, 'snoozed', 200, contact);
        },
        problemPage: contactProblemPage,
      },
      api('POST', '/contacts/{id}/snooze'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/contacts/{id}/remove',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          await removeContact(actions, request.visitor.profile.id, contactIdOf(request));
          return answer(request, 'removed', 204, null);
        },
        problemPage: contactProblemPage,
      },
      [{ method: 'DELETE', path: '/api/contacts/{id}' }],
    ),
  ];
}
