import { followOrganization, unfollowOrganization } from '../organizations/follow-organization.ts';
import {
  leaveOrganization,
  type MembershipDependencies,
  setMembership,
} from '../organizations/membership-actions.ts';
import {
  type SuggestOrganizationsDependencies,
  suggestOrganizations,
} from '../organizations/suggest-organizations.ts';
import type { SaveProfileDependencies } from '../users/save-profile.ts';
import { isValidationError } from '../validation/zod.ts';
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
import {
  isOrganizationsDone,
  type MembershipFormProblem,
  organizationDoneMessages,
  renderOrganizationsPage,
} from './organization-pages.tsx';
import { emptyResponse, htmlResponse, jsonResponse, redirectResponse } from './page-responses.ts';
import type { SignedInDependencies, SignedInVisitor } from './signed-in.ts';

/*
 * Organizations, as a page and as the JSON API (one route each, answering as asked): the suggestions
 * (`GET /organizations`, `GET /api/organizations/suggested`), and the actions, each one use case:
 * follow and unfollow (the profile's followed organizations), "I'm a member" with an optional renewal
 * date, and leaving. A page's POST answers 303 back to the page; a form with problems comes back as a
 * 400 page with the date as typed, and nothing is written.
 */

export interface OrganizationPageDependencies extends SignedInDependencies {
  readonly organizations: MembershipDependencies & SuggestOrganizationsDependencies;
  readonly profiles: SaveProfileDependencies;
}

/** The same route at the JSON API's address. */
const api = (method: Method, path: string) => [{ method, path: `/api${path}` }];

/** The organization named by the form or the JSON body. */
function organizationOf(request: SignedInRequest): string {
  if (request.body.kind === 'form') return request.body.form.get('organization') ?? '';
  const body = jsonOf(request);
  const value =
    typeof body === 'object' && body !== null ? (body as { organization?: unknown }).organization : '';
  return typeof value === 'string' ? value : '';
}

export function organizationPageRoutes(deps: OrganizationPageDependencies) {
  const page = async (
    visitor: SignedInVisitor,
    statusCode: number,
    extra: { status?: string | null; problem?: MembershipFormProblem | null } = {},
  ) => {
    const overview = await suggestOrganizations(deps.organizations, visitor.profile, new Date());
    return htmlResponse(
      statusCode,
      renderOrganizationsPage({
        ...overview,
        timeZone: visitor.profile.timeZone,
        today: visitor.today,
        csrf: visitor.csrf,
        nav: visitor.nav('organizations'),
        ...extra,
      }),
    );
  };

  /** The page again with the membership form's problems in place. */
  const membershipProblemPage = (request: SignedInRequest, _known: KnownProblem, error: unknown) => {
    if (!isValidationError(error)) return null;
    const form = formOf(request);
    const problemOf = (field: string) => error.issues.find((issue) => issue.path[0] === field)?.message;
    const organizationProblem = problemOf('organization');
    const renewsOnProblem = problemOf('renewsOn');
    return page(request.visitor, 400, {
      problem: {
        organization: form.get('organization') ?? '',
        renewsOn: form.get('renewsOn') ?? '',
        ...(organizationProblem ? { organizationProblem: `Organization: ${organizationProblem}` } : {}),
        ...(renewsOnProblem ? { renewsOnProblem: `Renews on: ${renewsOnProblem}` } : {}),
      },
    });
  };

  const done = (request: SignedInRequest, what: keyof typeof organizationDoneMessages, json: () => Result) =>
    respond(request, { html: () => redirectResponse(`/organizations?done=${what}`), json });

  const followedJson = (followed: readonly string[]) =>
    jsonResponse(200, { followedOrganizations: followed });

  return [
    ...route(
      {
        method: 'GET',
        path: '/organizations',
        access: 'visitor',
        handler: async (request) => {
          const status = request.query('done');
          return respond(request, {
            html: () =>
              page(request.visitor, 200, {
                status: isOrganizationsDone(status) ? organizationDoneMessages[status] : null,
              }),
            json: async () =>
              jsonResponse(
                200,
                await suggestOrganizations(deps.organizations, request.visitor.profile, new Date()),
              ),
          });
        },
      },
      api('GET', '/organizations/suggested'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/organizations/follow',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const { profile } = await followOrganization(
            deps.profiles,
            request.visitor.profile,
            organizationOf(request),
            new Date(),
          );
          return done(request, 'followed', () => followedJson(profile.followedOrganizations));
        },
      },
      api('POST', '/organizations/follow'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/organizations/unfollow',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const { profile } = await unfollowOrganization(
            deps.profiles,
            request.visitor.profile,
            organizationOf(request),
            new Date(),
          );
          return done(request, 'unfollowed', () => followedJson(profile.followedOrganizations));
        },
      },
      api('POST', '/organizations/unfollow'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/organizations/membership',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          const input =
            request.body.kind === 'form'
              ? {
                  organization: request.body.form.get('organization') ?? '',
                  renewsOn: request.body.form.get('renewsOn') ?? '',
                }
              : (jsonOf(request) as { organization: string; renewsOn?: string | null });
          const { membership, created } = await setMembership(
            deps.organizations,
            request.visitor.profile,
            input,
            new Date(),
          );
          return done(request, 'member', () => jsonResponse(created ? 201 : 200, { membership }));
        },
        problemPage: membershipProblemPage,
      },
      api('POST', '/organizations/membership'),
    ),
    ...route(
      {
        method: 'POST',
        path: '/organizations/leave',
        access: 'visitor',
        body: 'form-or-json',
        handler: async (request) => {
          await leaveOrganization(deps.organizations, request.visitor.profile.id, organizationOf(request));
          return done(request, 'left', () => emptyResponse(204));
        },
      },
      api('POST', '/organizations/leave'),
    ),
  ];
}
