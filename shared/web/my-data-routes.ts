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
import type { Contact } from '../contacts/contact.ts';
import {
  buildContact,
  ContactDateInFutureError,
  contactFieldsSchema,
  markTalked,
  snoozeFor,
  updateContact,
} from '../contacts/contact-input.ts';
import { nextDueDate } from '../contacts/next-due-date.ts';
import type { ContactRepository } from '../store/contact-repository.ts';
import type { ReminderSlots } from '../store/reminder-slots.ts';
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
  readonly contacts: ContactRepository;
  readonly slots: Pick<ReminderSlots, 'enter' | 'leave'>;
  readonly calendar: Omit<CalendarSubscriptionDependencies, 'publicBaseUrl'>;
  /** Saving, listing and removing one's saved events (the same stores). */
  readonly saveEvent: SaveEventDependencies & UnsaveEventDependencies & SavedEventListDependencies;
  readonly publicBaseUrlOf: (event: Event) => string;
}

const contactView = (contact: Contact) => ({ ...contact, nextDueOn: nextDueDate(contact) });

/** Name and relationship first: the cadence's default depends on the relationship. */
const newContactSchema = z
  .object({ name: contactFieldsSchema.shape.name, relationship: contactFieldsSchema.shape.relationship })
  .passthrough();
const eventIdSchema = z.string().regex(/^evt_[0-9a-f]{20}$/, 'must be an event id');
const saveSchema = z.object({ eventId: eventIdSchema });
const snoozeSchema = z.object({ days: z.number().int().min(1).max(365).default(7) });

export function myDataRoutes(deps: MyDataDependencies) {
  /** The session's user and their local date, or the problem to answer. */
  async function who(event: Event, changesState: boolean) {
    const visitor = await apiVisitor(deps, event, changesState);
    if (isResult(visitor)) return visitor;
    return { profile: visitor.profile, today: visitor.today };
  }
  const body = (event: Event) => jsonBodyOf(event);
  const contactOf = async (userId: string, event: Event) => {
    const contact = await deps.contacts.get(userId, event.pathParameters?.id ?? '');
    return contact ?? problemResponse(404, 'No such contact');
  };
  const isContact = (value: Contact | Result): value is Contact => !('statusCode' in value);

  /** A state change of one of the user's own contacts: 404 for anyone else's, 400 (nothing written) for a bad body. */
  const changeContact =
    (change: (contact: Contact, user: { profile: UserProfile; today: string }, event: Event) => Contact) =>
    async (event: Event): Promise<Result> => {
      const user = await who(event, true);
      if (!('profile' in user)) return user;
      const contact = await contactOf(user.profile.id, event);
      if (!isContact(contact)) return contact;
      try {
        const next = change(contact, user, event);
        await deps.contacts.save(next, contact);
        return jsonResponse(200, { contact: contactView(next) });
      } catch (error) {
        if (error instanceof z.ZodError) return invalidResponse(error);
        if (error instanceof ContactDateInFutureError) return problemResponse(400, error.message);
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
          contacts: (await deps.contacts.listForUser(user.profile.id)).map(contactView),
        });
      },
    },
    {
      method: 'POST' as const,
      path: '/api/contacts',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, true);
        if (!('profile' in user)) return user;
        const input = body(event);
        const shape = newContactSchema.safeParse(input);
        if (!shape.success) return invalidResponse(shape.error);
        try {
          const contact = buildContact(
            user.profile.id,
            shape.data as Parameters<typeof buildContact>[1],
            user.today,
            new Date(),
          );
          await deps.contacts.create(contact);
          await deps.slots.enter(user.profile.id, user.profile.timeZone, user.profile.reminderHour);
          return jsonResponse(201, { contact: contactView(contact) });
        } catch (error) {
          if (error instanceof z.ZodError) return invalidResponse(error);
          if (error instanceof ContactDateInFutureError) return problemResponse(400, error.message);
          throw error;
        }
      },
    },
    {
      method: 'PATCH' as const,
      path: '/api/contacts/{id}',
      handler: changeContact((contact, user, event) =>
        updateContact(
          contact,
          (body(event) ?? {}) as Parameters<typeof updateContact>[1],
          user.today,
          new Date(),
        ),
      ),
    },
    {
      // "We talked" from the API: the same reset as the email link and the CLI.
      method: 'POST' as const,
      path: '/api/contacts/{id}/talked',
      handler: changeContact((contact, user) => markTalked(contact, user.today, new Date())),
    },
    {
      method: 'POST' as const,
      path: '/api/contacts/{id}/snooze',
      handler: changeContact((contact, user, event) =>
        snoozeFor(contact, user.today, snoozeSchema.parse(body(event) ?? {}).days, new Date()),
      ),
    },
    {
      method: 'DELETE' as const,
      path: '/api/contacts/{id}',
      handler: async (event: Event): Promise<Result> => {
        const user = await who(event, true);
        if (!('profile' in user)) return user;
        const contact = await contactOf(user.profile.id, event);
        if (!isContact(contact)) return contact;
        await deps.contacts.remove(user.profile.id, contact.id);
        if ((await deps.contacts.listForUser(user.profile.id)).length === 0)
          await deps.slots.leave(user.profile.id);
        return { statusCode: 204, body: '' };
      },
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
