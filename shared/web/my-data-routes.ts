import { listSavedEvents, type SavedEventListDependencies } from '../calendar/list-saved-events.ts';
import { type SaveEventDependencies, saveEventForUser } from '../calendar/save-event.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { jsonOf, route } from './middleware/route.ts';
import { jsonResponse } from './page-responses.ts';
import type { SignedInDependencies } from './signed-in.ts';

/*
 * The JSON API of a signed-in user's saved events (the contacts and the calendar URL are served by
 * their pages' routes, answering JSON as asked). The user comes from the session, never from the URL.
 */

export interface MyDataDependencies extends SignedInDependencies {
  /** Saving and listing one's saved events. */
  readonly saveEvent: SaveEventDependencies & SavedEventListDependencies;
}

const saveSchema = lazySchema(() =>
  z.object({
    eventId: z.string().check(z.regex(/^evt_[0-9a-f]{20}$/, 'must be an event id')),
  }),
);

export function myDataRoutes(deps: MyDataDependencies) {
  return [
    ...route({
      // "Add to my calendar" from the API: saves the event and mails the invitation.
      method: 'POST',
      path: '/api/saved-events',
      access: 'visitor',
      body: 'json',
      handler: async (request) => {
        const { eventId } = saveSchema.parse(jsonOf(request));
        const result = await saveEventForUser(
          deps.saveEvent,
          request.visitor.profile.id,
          eventId,
          new Date(),
        );
        return jsonResponse(result.saved === 'saved' ? 201 : 200, result);
      },
    }),
    ...route({
      // The events the user saved and has not removed, soonest first; past ones are left out.
      method: 'GET',
      path: '/api/saved-events',
      access: 'visitor',
      handler: async (request) =>
        jsonResponse(200, {
          savedEvents: await listSavedEvents(deps.saveEvent, request.visitor.profile.id, new Date()),
        }),
    }),
  ];
}
