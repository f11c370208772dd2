import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import * as z from 'zod';
import {
  type CalendarSubscriptionDependencies,
  calendarUrlsFor,
  rotateCalendarUrl,
} from '../calendar/calendar-subscription.ts';
import { listSavedEvents, type SavedEventListDependencies } from '../calendar/list-saved-events.ts';
import { EventNotFoundError, type SaveEventDependencies, saveEventForUser } from '../calendar/save-event.ts';
import {
  EventNotSavedError,
  type UnsaveEventDependencies,
  unsaveEventForUser,
} from '../calendar/unsave-event.ts';
import { addContact } from '../contacts/add-contact.ts';
import { changeContact } from '../contacts/change-contact.ts';
import type { Contact } from '../contacts/contact.ts';
import type { ContactActionDependencies } from '../contacts/contact-action-dependencies.ts';
import { ContactDateInFutureError, ContactNotFoundError } from '../contacts/contact-errors.ts';
import type { ContactChanges, NewContactInput } from '../contacts/contact-input.ts';
import { markContactTalked } from '../contacts/mark-talked.ts';
import { nextDueDate } from '../contacts/next-due-date.ts';
import { removeContact } from '../contacts/remove-contact.ts';
import { defaultSnoozeDays, snoozeContact, snoozeDaysSchema } from '../contacts/snooze-contact.ts';
import type { UserRepository } from '../store/user-repository.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { invalidResponse, jsonBodyOf, jsonResponse, problemResponse } from './page-responses.ts';
import { apiVisitor, isResult, type SignedInDependencies } from './signed-in.ts';

/*
 * The JSON API of a signed-in user's own data: contacts, saved events, the calendar URL. Every route
 * reads the user from the session, never from the URL, so nobody reaches another user's data; every
 * state change needs the X-CSRF-Token header; a bad body is a 400 problem and writes nothing.
 */

type Event = APIGatewayProxyEventV2;
type Result = APIGatewayProxyStructuredResultV2;

export interface MyDataDependencies extends SignedInDependencies {
  readonly users: Pick<UserRepository, 'get'>;
  /** The contact use cases' stores (contacts, reminder slots, calendar cache, owners). */
  readonly contactActions: ContactActionDependencies;
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  /** Saving, listing and removing one's saved events (the same stores). */
  readonly saveEvent: SaveEventDependencies & UnsaveEventDependencies & SavedEventListDependencies;
  readonly publicBaseUrlOf: (event: Event) => string;
}

const contactView = (contact: Contact) => ({ ...contact, nextDueOn: nextDueDate(contact) });

const eventIdSchema = z.string().regex(/^evt_[0-9a-f]{20}$/, 'must be an event id');
const saveSchema = z.object({ eventId: eventIdSchema });
const snoozeSchema = z.object({ days: snoozeDaysSchema.default(defaultSnoozeDays) });

export function myDataRoutes(deps: MyDataDependencies) {
  /** The session's user and their local date, or the problem to answer. */
  async function who(event: Event, changesState: boolean) {
    const visitor = await apiVisitor(deps, event, changesState);
    if (isResult(visitor)) return visitor;
    return { profile: visitor.profile, today: visitor.today };
  }
  const body = (event: Event) => jsonBodyOf(event);
  const contactId = (event: Event) => event.pathParameters?.id ?? '';

  /**
   * One contact use case for the session's user: 404 for anyone else's contact, 400 (nothing written)
   * for a bad body; a change that kept losing to others is a 409 (the error map's).
   */
  const contactAction =
    (statusCode: number, act: (profile: UserProfile, event: Event) => Promise<Contact | null>) =>
    async (event: Event): Promise<Result> => {
      const user = await who(event, true);
      if (!('profile' in user)) return user;
      try {
        const contact = await act(user.profile, event);
        return contact
          ? jsonResponse(statusCode, { contact: contactView(contact) })
          : { statusCode, body: '' };
      } catch (error) {
        if (error instanceof z.ZodError) return invalidResponse(error);
        if (error instanceof ContactDateInFutureError) return problemResponse(400, error.message);
        if (error instanceof ContactNotFoundError) return problemResponse(404, 'No such contact');
        throw error;
      }
    };

  return [
    {
      method: 'GET' as const,
      path: '/api/contacts',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, false);
        if (!('profile' in user)) return user;
        return jsonResponse(200, {
          contacts: (await deps.contactActions.contacts.listForUser(user.profile.id)).map(contactView),
        });
      },
    },
    {
      method: 'POST' as const,
      path: '/api/contacts',
      handler: contactAction(201, (profile, event) =>
        addContact(deps.contactActions, profile, body(event) as NewContactInput, new Date()),
      ),
    },
    {
      method: 'PATCH' as const,
      path: '/api/contacts/{id}',
      handler: contactAction(200, (profile, event) =>
        changeContact(
          deps.contactActions,
          profile,
          contactId(event),
          (body(event) ?? {}) as ContactChanges,
          new Date(),
        ),
      ),
    },
    {
      // "We talked" from the API: the same use case as the email link, the pages and the CLI.
      method: 'POST' as const,
      path: '/api/contacts/{id}/talked',
      handler: contactAction(200, async (profile, event) => {
        const talked = await markContactTalked(deps.contactActions, profile, contactId(event), new Date());
        return talked.contact;
      }),
    },
    {
      method: 'POST' as const,
      path: '/api/contacts/{id}/snooze',
      handler: contactAction(200, (profile, event) =>
        snoozeContact(
          deps.contactActions,
          profile,
          contactId(event),
          snoozeSchema.parse(body(event) ?? {}).days,
          new Date(),
        ),
      ),
    },
    {
      method: 'DELETE' as const,
      path: '/api/contacts/{id}',
      handler: contactAction(204, async (profile, event) => {
        await removeContact(deps.contactActions, profile.id, contactId(event));
        return null;
      }),
    },
    {
      // "Add to my calendar" from the API: saves the event and mails the invitation.
      method: 'POST' as const,
      path: '/api/saved-events',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, true);
        if (!('profile' in user)) return user;
        const parsed = saveSchema.safeParse(body(event));
        if (!parsed.success) return invalidResponse(parsed.error);
        try {
          const result = await saveEventForUser(
            deps.saveEvent,
            user.profile.id,
            parsed.data.eventId,
            new Date(),
          );
          return jsonResponse(result.saved === 'saved' ? 201 : 200, result);
        } catch (error) {
          if (error instanceof EventNotFoundError) return problemResponse(404, 'No such event');
          throw error;
        }
      },
    },
    {
      // The events the user saved and has not removed, soonest first; past ones are left out.
      method: 'GET' as const,
      path: '/api/saved-events',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, false);
        if (!('profile' in user)) return user;
        const saved = await listSavedEvents(deps.saveEvent, user.profile.id, new Date());
        return jsonResponse(200, { savedEvents: saved });
      },
    },
    {
      // "Remove from my calendar": the event leaves the feed and the invitation is cancelled by mail.
      method: 'DELETE' as const,
      path: '/api/saved-events/{eventId}',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, true);
        if (!('profile' in user)) return user;
        const eventId = eventIdSchema.safeParse(event.pathParameters?.eventId);
        if (!eventId.success) return problemResponse(404, 'No such saved event');
        try {
          await unsaveEventForUser(deps.saveEvent, user.profile.id, eventId.data, new Date());
          return { statusCode: 204, body: '' };
        } catch (error) {
          if (error instanceof EventNotSavedError) return problemResponse(404, 'No such saved event');
          throw error;
        }
      },
    },
    {
      method: 'GET' as const,
      path: '/api/calendar',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, false);
        if (!('profile' in user)) return user;
        const urls = await calendarUrlsFor(
          { ...deps.calendar, publicBaseUrl: deps.publicBaseUrlOf(event) },
          user.profile.id,
          new Date(),
        );
        return jsonResponse(200, urls);
      },
    },
    {
      method: 'POST' as const,
      path: '/api/calendar/rotate',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, true);
        if (!('profile' in user)) return user;
        const urls = await rotateCalendarUrl(
          { ...deps.calendar, publicBaseUrl: deps.publicBaseUrlOf(event) },
          user.profile.id,
          new Date(),
        );
        return jsonResponse(200, urls);
      },
    },
  ];
}
