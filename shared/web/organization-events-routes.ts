import { organizationKeysOf } from '../browse/browse-filter.ts';
import { organizationKeyOfSlug, organizationSlugOf } from '../browse/organization-slug.ts';
import {
  followOrganization,
  isFollowing,
  unfollowOrganization,
} from '../organizations/follow-organization.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { type EventsRouteDependencies, readFixedListing } from './events-routes.ts';
import { NotFoundError } from './http-errors.ts';
import { formOf, jsonOf, type RouteRequest, respond, route } from './middleware/route.ts';
import {
  isOrganizationEventsDone,
  organizationEventsDoneMessages,
  renderOrganizationEventsPage,
} from './organization-events-page.tsx';
import { htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';

/*
 * An organization's events, for anyone (`/organizations/{slug}`, page or JSON), and "Follow" /
 * "Unfollow" from there (POST, CSRF), through the organizations' own follow use case. The slug is the
 * organization's key (see organization-slug.ts); the suggestions page `/organizations` and its
 * actions (`/organizations/follow`, …) are other routes, matched first as fixed paths.
 */

export interface OrganizationEventsDependencies {
  readonly events: EventsRouteDependencies['events'];
  readonly profiles: SaveProfileDependencies;
}

/** Organizations hold few events: a page looks four months ahead. */
const organizationDays = 120;

function keyOf(request: RouteRequest): string {
  const key = organizationKeyOfSlug(request.param('slug'));
  if (key === '') throw new NotFoundError('No such organization');
  return key;
}

/** The organization's name as its events spell it (the first that has it), else the slug's words. */
function nameFrom(request: RouteRequest, names: readonly (string | null)[], key: string): string {
  for (const name of names)
    if (name && organizationKeysOf({ organization: name, organizer: null })[0] === key) return name.trim();
  return request.param('slug').replaceAll('-', ' ');
}

/** The organization named by the form or the JSON body, else by the path. */
function postedName(request: RouteRequest): string {
  if (request.body.kind === 'form') return formOf(request).get('organization') ?? '';
  const body = jsonOf(request);
  const value =
    typeof body === 'object' && body !== null ? (body as { organization?: unknown }).organization : '';
  return typeof value === 'string' ? value : '';
}

export function organizationEventsRoutes(deps: OrganizationEventsDependencies) {
  return [
    ...route({
      method: 'GET',
      path: '/organizations/{slug}',
      access: 'anyone',
      handler: async (request) => {
        const key = keyOf(request);
        const listing = await readFixedListing(deps, request, { organizationKey: key }, organizationDays);
        const name = nameFrom(
          request,
          listing.page.events.flatMap((event) => [event.organization, event.organizer]),
          key,
        );
        const path = `/organizations/${organizationSlugOf(name) || request.param('slug')}`;
        const nextHref = listing.nextQuery ? `${path}?${listing.nextQuery}` : null;
        const done = request.query('done');
        return respond(request, {
          json: () =>
            jsonResponse(200, { organization: { key, name }, events: listing.page.events, next: nextHref }),
          html: () =>
            htmlResponse(
              200,
              renderOrganizationEventsPage({
                name,
                path,
                groups: listing.groups,
                viewer: listing.viewer,
                given: listing.query.given,
                window: listing.query,
                nextHref,
                nav: request.visitor?.nav('organizations') ?? null,
                following: request.visitor ? isFollowing(request.visitor.profile, name) : false,
                status: isOrganizationEventsDone(done) ? organizationEventsDoneMessages[done] : null,
              }),
              listing.viewer.setCookie,
            ),
        });
      },
    }),
    ...(['follow', 'unfollow'] as const).flatMap((action) =>
      route({
        method: 'POST',
        path: `/organizations/{slug}/${action}`,
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const key = keyOf(request);
          const posted = postedName(request).trim();
          // The posted name spells it as the page showed it; it must be the organization of the path.
          const name =
            posted !== '' && organizationKeyOfSlug(posted) === key
              ? posted
              : request.param('slug').replaceAll('-', ' ');
          const now = new Date();
          const { profile } = request.visitor;
          let followed = profile.followedOrganizations;
          if (action === 'follow')
            followed = (await followOrganization(deps.profiles, profile, name, now)).profile
              .followedOrganizations;
          else if (isFollowing(profile, name))
            followed = (await unfollowOrganization(deps.profiles, profile, name, now)).profile
              .followedOrganizations;
          return respond(request, {
            html: () => redirectResponse(`/organizations/${organizationSlugOf(name)}?done=${action}ed`),
            json: () => jsonResponse(200, { followedOrganizations: followed }),
          });
        },
      }),
    ),
  ];
}
