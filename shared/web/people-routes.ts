import { addContact } from '../contacts/add-contact.ts';
import type { ContactActionDependencies } from '../contacts/contact-action-dependencies.ts';
import { type SuggestPeopleDependencies, suggestPeople } from '../people/suggest-people.ts';
import { isTopicId } from '../topics/topic-vocabulary.ts';
import * as z from '../validation/zod.ts';
import { lazySchema } from '../validation/zod.ts';
import { formOf, jsonOf, respond, route } from './middleware/route.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import { isPeopleDone, renderPeoplePage } from './people-page.tsx';
import type { SignedInDependencies } from './signed-in.ts';

/*
 * People worth meeting (potential mentors): `GET /people` (the page, or JSON when asked),
 * `GET /api/people/suggested`, and "Add as potential mentor" (`POST /people/potential-mentors`, a form
 * or JSON), which is the one "add a contact" use case with the relationship `potential-mentor`.
 */

export interface PeopleRouteDependencies extends SignedInDependencies {
  readonly people: SuggestPeopleDependencies;
  readonly contactActions: ContactActionDependencies;
}

const potentialMentorSchema = lazySchema(() =>
  z.object({
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120)),
    topics: z._default(
      z.array(z.string().check(z.refine(isTopicId, 'is not a topic'))).check(z.maxLength(20)),
      [],
    ),
    notes: z._default(z.string().check(z.trim(), z.maxLength(2000)), ''),
  }),
);

export function peopleRoutes(deps: PeopleRouteDependencies) {
  const suggested = route({
    method: 'GET',
    path: '/api/people/suggested',
    access: 'visitor',
    handler: async (request) =>
      jsonResponse(200, { people: await suggestPeople(deps.people, request.visitor.profile, new Date()) }),
  });

  const page = route({
    method: 'GET',
    path: '/people',
    access: 'visitor',
    handler: async (request) => {
      const { visitor } = request;
      const people = await suggestPeople(deps.people, visitor.profile, new Date());
      const done = request.query('done');
      return respond(request, {
        json: () => jsonResponse(200, { people }),
        html: () =>
          htmlResponse(
            200,
            renderPeoplePage({
              people,
              timeZone: visitor.profile.timeZone,
              csrf: visitor.csrf,
              nav: visitor.nav('people'),
              done: isPeopleDone(done) ? done : null,
            }),
          ),
      });
    },
  });

  const addPotentialMentor = route(
    {
      method: 'POST',
      path: '/people/potential-mentors',
      access: 'visitor',
      body: 'form-or-json',
      handler: async (request) => {
        const form = formOf(request);
        const input = potentialMentorSchema.parse(
          request.body.kind === 'json'
            ? jsonOf(request)
            : {
                name: form.get('name') ?? '',
                topics: (form.get('topics') ?? '').split(',').filter((topic) => topic !== ''),
                notes: form.get('notes') ?? '',
              },
        );
        const contact = await addContact(
          deps.contactActions,
          request.visitor.profile,
          { ...input, relationship: 'potential-mentor' },
          new Date(),
        );
        return respond(request, {
          json: () => jsonResponse(201, contact),
          html: () => redirectResponse('/people?done=added'),
        });
      },
    },
    [{ method: 'POST', path: '/api/people/potential-mentors' }],
  );

  return [...suggested, ...page, ...addPotentialMentor];
}
