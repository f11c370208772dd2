import { followTopic, unfollowTopic } from '../browse/follow-topic.ts';
import { isTopicId, TOPICS, type Topic, topicById } from '../topics/topic-vocabulary.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { publicBaseUrlFor } from './account-routes.ts';
import { type EventsRouteDependencies, pageDefaultDays, readFixedListing } from './events-routes.ts';
import { NotFoundError } from './http-errors.ts';
import { type RouteRequest, respond, route } from './middleware/route.ts';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import { isTopicDone, renderTopicPage, renderTopicsPage, topicDoneMessages } from './topic-page.tsx';

/*
 * Topics, for anyone: `/topics` (every topic), `/topics/{topic}` (its upcoming events and its public
 * feed `/cal/topics/{topic}.ics`), as pages or JSON; "Follow this topic" and "Unfollow" (POST, CSRF)
 * change the signed-in reader's topics through the profile's use case.
 */

export interface TopicRouteDependencies {
  readonly events: EventsRouteDependencies['events'];
  readonly profiles: SaveProfileDependencies;
  /** Configured public URL, or null to use the request's own host (for the feed's address). */
  readonly publicBaseUrl: string | null;
}

function topicOf(request: RouteRequest): Topic {
  const id = request.param('topic');
  if (!isTopicId(id)) throw new NotFoundError('No such topic');
  return topicById(id);
}

export function topicRoutes(deps: TopicRouteDependencies) {
  const feedUrlOf = (request: RouteRequest, topic: Topic) =>
    `${publicBaseUrlFor(deps.publicBaseUrl, request.event).replace(/\/$/, '')}/cal/topics/${topic.id}.ics`;
  return [
    ...route({
      method: 'GET',
      path: '/topics',
      access: 'anyone',
      handler: async (request) =>
        respond(request, {
          json: () =>
            jsonResponse(200, {
              topics: renderableTopics().map((topic) => ({ ...topic, page: `/topics/${topic.id}` })),
            }),
          html: () =>
            htmlResponse(
              200,
              renderTopicsPage(request.visitor?.nav('events') ?? null, request.visitor?.profile.topics ?? []),
            ),
        }),
    }),
    ...route({
      method: 'GET',
      path: '/topics/{topic}',
      access: 'anyone',
      handler: async (request) => {
        const topic = topicOf(request);
        const listing = await readFixedListing(deps, request, { topic: topic.id }, pageDefaultDays);
        const done = request.query('done');
        const feedUrl = feedUrlOf(request, topic);
        return respond(request, {
          json: () =>
            jsonResponse(200, {
              topic: { id: topic.id, label: topic.label },
              feedUrl,
              events: listing.page.events,
              next: listing.nextQuery ? `/topics/${topic.id}?${listing.nextQuery}` : null,
            }),
          html: () =>
            htmlResponse(
              200,
              renderTopicPage({
                topic,
                groups: listing.groups,
                viewer: listing.viewer,
                given: listing.query.given,
                window: listing.query,
                nextHref: listing.nextQuery ? `/topics/${topic.id}?${listing.nextQuery}` : null,
                feedUrl,
                nav: request.visitor?.nav('events') ?? null,
                following: request.visitor?.profile.topics.includes(topic.id) ?? false,
                status: isTopicDone(done) ? topicDoneMessages[done] : null,
              }),
              listing.viewer.setCookie,
            ),
        });
      },
    }),
    ...(['follow', 'unfollow'] as const).flatMap((action) =>
      route({
        method: 'POST',
        path: `/topics/{topic}/${action}`,
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const topic = topicOf(request);
          const change = action === 'follow' ? followTopic : unfollowTopic;
          const { profile } = await change(deps.profiles, request.visitor.profile, topic.id, new Date());
          return respond(request, {
            html: () => redirectResponse(`/topics/${topic.id}?done=${action}ed`),
            json: () => jsonResponse(200, { topics: profile.topics }),
          });
        },
      }),
    ),
  ];
}

/** Ids and labels only: the tagger's terms are not part of the API. */
const renderableTopics = () => TOPICS.map((topic) => ({ id: topic.id, label: topic.label }));
