import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { addContact } from '../contacts/add-contact.ts';
import { changeContact } from '../contacts/change-contact.ts';
import type { Contact } from '../contacts/contact.ts';
import type { ContactActionDependencies } from '../contacts/contact-action-dependencies.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
} from '../contacts/contact-errors.ts';
import { markContactTalked } from '../contacts/mark-talked.ts';
import { removeContact } from '../contacts/remove-contact.ts';
import { defaultSnoozeDays, snoozeContact } from '../contacts/snooze-contact.ts';
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
} from './contact-pages.ts';
import { formFieldsOf, htmlResponse, redirectResponse } from './page-responses.ts';
import { isResult, pageVisitor, type SignedInDependencies, type SignedInVisitor } from './signed-in.ts';

/*
 * The contacts pages: GET shows, every POST carries the session's CSRF token, calls the contact use
 * case for it and answers 303 back to the list (Post/Redirect/Get). A contact id is only ever looked up
 * under the session's user, so another user's id is simply "no such contact" (404). A form with
 * problems comes back as a 400 page with the values as typed; nothing is written.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface ContactPageDependencies extends SignedInDependencies {
  readonly contactActions: ContactActionDependencies;
}

/** Ids are ours (`con_…`); anything else cannot name a contact, so it is not even looked up. */
const plausibleId = /^[A-Za-z0-9_-]{1,64}$/;

const snoozeProblem = 'Snooze: the number of days must be a whole number from 1 to 365';

/** The optional `days` of a snooze form: a week when absent. */
function snoozeDaysOf(form: URLSearchParams): number | null {
  const raw = form.get('days')?.trim() ?? '';
  if (raw === '') return defaultSnoozeDays;
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && value <= 365 ? value : null;
}

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

  const editPage = (
    visitor: SignedInVisitor,
    contact: Contact,
    statusCode = 200,
    form?: {
      values: ReturnType<typeof contactFormValuesFrom>;
      errors: ContactFormErrors;
    },
  ) =>
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
  const editPageWithProblems = async (
    visitor: SignedInVisitor,
    contactId: string,
    form: { values: ReturnType<typeof contactFormValuesFrom>; errors: ContactFormErrors },
  ) => {
    const contact = await actions.contacts.get(visitor.profile.id, contactId);
    return contact ? editPage(visitor, contact, 400, form) : notFound(visitor);
  };

  /** A form about one of the visitor's own contacts: CSRF first, then 404 for anyone else's. */
  const ownContactForm =
    (act: (visitor: SignedInVisitor, contactId: string, form: URLSearchParams) => Promise<Result>) =>
    async (event: Event): Promise<Result> => {
      const form = formFieldsOf(event);
      const visitor = await pageVisitor(deps, event, form);
      if (isResult(visitor)) return visitor;
      const contactId = event.pathParameters?.id ?? '';
      if (!plausibleId.test(contactId)) return notFound(visitor);
      try {
        return await act(visitor, contactId, form);
      } catch (error) {
        if (error instanceof ContactChangedError)
          return htmlResponse(409, renderContactChangedPage(visitor.nav('contacts'), contactId));
        if (error instanceof ContactNotFoundError) return notFound(visitor);
        throw error;
      }
    };

  return [
    {
      method: 'GET' as const,
      path: '/contacts',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const done = event.queryStringParameters?.done;
        return listPage(visitor, 200, { status: isContactsDone(done) ? doneMessages[done] : null });
      },
    },
    {
      method: 'POST' as const,
      path: '/contacts',
      handler: async (event: Event): Promise<Result> => {
        const form = formFieldsOf(event);
        const visitor = await pageVisitor(deps, event, form);
        if (isResult(visitor)) return visitor;
        const values = contactFormValuesFrom(form);
        const parsed = contactFieldsFromForm(values, visitor.today, { cadenceMayBeEmpty: true });
        if (!parsed.ok) return listPage(visitor, 400, { form: values, errors: parsed.errors });
        try {
          await addContact(actions, visitor.profile, parsed.fields, new Date());
        } catch (error) {
          // The form was checked against today; only midnight in between makes the date "future".
          if (!(error instanceof ContactDateInFutureError)) throw error;
          return listPage(visitor, 400, { form: values, errors: { lastTalkedOn: futureDateMessage } });
        }
        return redirectResponse('/contacts?done=added');
      },
    },
    {
      method: 'GET' as const,
      path: '/contacts/{id}',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const id = event.pathParameters?.id ?? '';
        const contact = plausibleId.test(id) ? await actions.contacts.get(visitor.profile.id, id) : null;
        return contact ? editPage(visitor, contact) : notFound(visitor);
      },
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}',
      handler: ownContactForm(async (visitor, contactId, form) => {
        const values = contactFormValuesFrom(form);
        const parsed = contactFieldsFromForm(values, visitor.today, { cadenceMayBeEmpty: false });
        if (!parsed.ok) return editPageWithProblems(visitor, contactId, { values, errors: parsed.errors });
        try {
          await changeContact(actions, visitor.profile, contactId, parsed.fields, new Date());
        } catch (error) {
          if (!(error instanceof ContactDateInFutureError)) throw error;
          return editPageWithProblems(visitor, contactId, {
            values,
            errors: { lastTalkedOn: futureDateMessage },
          });
        }
        return redirectResponse('/contacts?done=saved');
      }),
    },
    {
      // "We talked today": the same use case as the reminder email's link, the CLI and the API.
      method: 'POST' as const,
      path: '/contacts/{id}/talked',
      handler: ownContactForm(async (visitor, contactId) => {
        await markContactTalked(actions, visitor.profile, contactId, new Date());
        return redirectResponse('/contacts?done=talked');
      }),
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}/snooze',
      handler: ownContactForm(async (visitor, contactId, form) => {
        const days = snoozeDaysOf(form);
        if (days === null) return listPage(visitor, 400, { problems: [snoozeProblem] });
        await snoozeContact(actions, visitor.profile, contactId, days, new Date());
        return redirectResponse('/contacts?done=snoozed');
      }),
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}/remove',
      handler: ownContactForm(async (visitor, contactId) => {
        await removeContact(actions, visitor.profile.id, contactId);
        return redirectResponse('/contacts?done=removed');
      }),
    },
  ];
}
