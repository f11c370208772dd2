import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Contact } from '../contacts/contact.ts';
import {
  buildContact,
  ContactDateInFutureError,
  markTalked,
  snoozeFor,
  updateContact,
} from '../contacts/contact-input.ts';
import { snoozeDays } from '../reminders/apply-contact-link.ts';
import {
  ContactChangedError,
  ContactNotFoundError,
  type ContactRepository,
} from '../store/contact-repository.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';
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
 * The contacts pages: GET shows, every POST carries the session's CSRF token, changes one of the
 * visitor's own contacts and answers 303 back to the list (Post/Redirect/Get). A contact id is only
 * ever looked up under the session's user, so another user's id is simply "no such contact" (404).
 * A form with problems comes back as a 400 page with the values as typed; nothing is written.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface ContactPageDependencies extends SignedInDependencies {
  readonly contacts: ContactRepository;
  /** A user with contacts is in their reminder slot; removing the last contact takes them out. */
  readonly slots: Pick<ReminderSlots, 'enter' | 'leave'>;
}

/** Ids are ours (`con_…`); anything else cannot name a contact, so it is not even looked up. */
const plausibleId = /^[A-Za-z0-9_-]{1,64}$/;

const snoozeProblem = 'Snooze: the number of days must be a whole number from 1 to 365';

/** The optional `days` of a snooze form: a week when absent. */
function snoozeDaysOf(form: URLSearchParams): number | null {
  const raw = form.get('days')?.trim() ?? '';
  if (raw === '') return snoozeDays;
  const value = Number(raw);
  return /^\d+$/.test(raw) && value >= 1 && value <= 365 ? value : null;
}

export function contactPageRoutes(deps: ContactPageDependencies) {
  const listPage = async (
    visitor: SignedInVisitor,
    statusCode: number,
    extra: Omit<Parameters<typeof renderContactsPage>[0], 'contacts' | 'today' | 'csrf' | 'nav'> = {},
  ) =>
    htmlResponse(
      statusCode,
      renderContactsPage({
        contacts: await deps.contacts.listForUser(visitor.profile.id),
        today: visitor.today,
        csrf: visitor.csrf,
        nav: visitor.nav('contacts'),
        ...extra,
      }),
    );

  const notFound = (visitor: SignedInVisitor) =>
    htmlResponse(404, renderContactNotFoundPage(visitor.nav('contacts')));

  const ownContact = async (visitor: SignedInVisitor, event: Event): Promise<Contact | null> => {
    const id = event.pathParameters?.id ?? '';
    return plausibleId.test(id) ? deps.contacts.get(visitor.profile.id, id) : null;
  };

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

  /** A form about one of the visitor's own contacts: CSRF first, then 404 for anyone else's. */
  const ownContactForm =
    (act: (visitor: SignedInVisitor, contact: Contact, form: URLSearchParams) => Promise<Result>) =>
    async (event: Event): Promise<Result> => {
      const form = formFieldsOf(event);
      const visitor = await pageVisitor(deps, event, form);
      if (isResult(visitor)) return visitor;
      const contact = await ownContact(visitor, event);
      if (!contact) return notFound(visitor);
      try {
        return await act(visitor, contact, form);
      } catch (error) {
        if (error instanceof ContactChangedError)
          return htmlResponse(409, renderContactChangedPage(visitor.nav('contacts'), contact.id));
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
        const { profile } = visitor;
        const contact = buildContact(profile.id, parsed.fields, visitor.today, new Date());
        // The slot first: were the contact's write to fail, a slot without contacts reminds of nothing.
        await deps.slots.enter(profile.id, profile.timeZone, profile.reminderHour);
        await deps.contacts.create(contact);
        return redirectResponse('/contacts?done=added');
      },
    },
    {
      method: 'GET' as const,
      path: '/contacts/{id}',
      handler: async (event: Event): Promise<Result> => {
        const visitor = await pageVisitor(deps, event);
        if (isResult(visitor)) return visitor;
        const contact = await ownContact(visitor, event);
        return contact ? editPage(visitor, contact) : notFound(visitor);
      },
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}',
      handler: ownContactForm(async (visitor, contact, form) => {
        const values = contactFormValuesFrom(form);
        const parsed = contactFieldsFromForm(values, visitor.today, { cadenceMayBeEmpty: false });
        if (!parsed.ok) return editPage(visitor, contact, 400, { values, errors: parsed.errors });
        try {
          const next = updateContact(contact, parsed.fields, visitor.today, new Date());
          await deps.contacts.save(next, contact);
        } catch (error) {
          if (!(error instanceof ContactDateInFutureError)) throw error;
          return editPage(visitor, contact, 400, { values, errors: { lastTalkedOn: futureDateMessage } });
        }
        return redirectResponse('/contacts?done=saved');
      }),
    },
    {
      // "We talked today": the same reset as the reminder email's link, the CLI and the API.
      method: 'POST' as const,
      path: '/contacts/{id}/talked',
      handler: ownContactForm(async (visitor, contact) => {
        await deps.contacts.save(markTalked(contact, visitor.today, new Date()), contact);
        return redirectResponse('/contacts?done=talked');
      }),
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}/snooze',
      handler: ownContactForm(async (visitor, contact, form) => {
        const days = snoozeDaysOf(form);
        if (days === null) return listPage(visitor, 400, { problems: [snoozeProblem] });
        await deps.contacts.save(snoozeFor(contact, visitor.today, days, new Date()), contact);
        return redirectResponse('/contacts?done=snoozed');
      }),
    },
    {
      method: 'POST' as const,
      path: '/contacts/{id}/remove',
      handler: ownContactForm(async (visitor, contact) => {
        await deps.contacts.remove(visitor.profile.id, contact.id);
        if ((await deps.contacts.listForUser(visitor.profile.id)).length === 0)
          await deps.slots.leave(visitor.profile.id);
        return redirectResponse('/contacts?done=removed');
      }),
    },
  ];
}
