import {
  applyContactLink,
  type ContactLinkDependencies,
  contactLinkSubject,
} from '../reminders/apply-contact-link.ts';
import { isContactLinkAction, verifyLink } from '../security/signed-links.ts';
import type { EventStore } from '../store/event-store.ts';
import { applyLinkAction } from '../users/apply-link-action.ts';
import {
  renderActionConfirmation,
  renderActionDone,
  renderContactActionDone,
  renderLinkProblem,
} from './action-pages.tsx';
import type { KnownProblem } from './http-errors.ts';
import { formOf, type RouteRequest, route } from './middleware/route.ts';
import { htmlResponse } from './page-responses.ts';

/*
 * The signed one-click links of the emails (`/a/<token>`): no cookie, no login; the signed token in
 * the URL is the permission. An expired link is a 410 page, a tampered one a 400 page.
 */

export interface LinkRouteDependencies {
  readonly linkSecret: () => Promise<Uint8Array>;
  readonly events: Pick<EventStore, 'get'>;
  readonly contacts: ContactLinkDependencies;
  readonly linkActions: Parameters<typeof applyLinkAction>[0];
}

const linkProblemPage = (request: RouteRequest, { problem }: KnownProblem) =>
  problem.status === 400 || problem.status === 410
    ? htmlResponse(problem.status, renderLinkProblem(problem.title, request.visitor?.nav(null)))
    : null;

export function linkRoutes(deps: LinkRouteDependencies) {
  const linkOf = async (request: RouteRequest) =>
    verifyLink(request.param('token'), await deps.linkSecret(), new Date());
  return [
    ...route({
      // Opening a link only asks: mail scanners follow links, and a GET must change nothing.
      method: 'GET',
      path: '/a/{token}',
      access: 'anyone',
      handler: async (request) => {
        const link = await linkOf(request);
        const nav = request.visitor?.nav(null);
        if (isContactLinkAction(link.action)) {
          // A one-use link that was used says so before asking again.
          const [subject, used] = await Promise.all([
            contactLinkSubject(deps.contacts, link),
            deps.contacts.usedLinks.isUsed(request.param('token')),
          ]);
          if (used) return htmlResponse(410, renderContactActionDone({ outcome: 'already-used' }, nav));
          if (!subject) return htmlResponse(404, renderContactActionDone({ outcome: 'gone' }, nav));
          return htmlResponse(
            200,
            renderActionConfirmation(
              link.action,
              `${subject.contact.name} (${subject.contact.relationship})`,
              { cadence: subject.contact.cadence, ...(nav ? { nav } : {}) },
            ),
          );
        }
        const subject = link.eventId ? await deps.events.get(link.eventId) : null;
        return htmlResponse(
          200,
          renderActionConfirmation(link.action, subject?.title ?? null, nav ? { nav } : {}),
        );
      },
      problemPage: linkProblemPage,
    }),
    ...route({
      // The confirmation form, and RFC 8058 one-click unsubscribe (List-Unsubscribe=One-Click).
      method: 'POST',
      path: '/a/{token}',
      access: 'anyone',
      body: 'form',
      csrf: { exempt: 'the signed token in the URL is the permission; mail clients post without a cookie' },
      handler: async (request) => {
        const link = await linkOf(request);
        if (isContactLinkAction(link.action)) {
          const result = await applyContactLink(
            deps.contacts,
            request.param('token'),
            { ...link, action: link.action },
            Object.fromEntries(formOf(request)),
            new Date(),
          );
          const nav = request.visitor?.nav(null);
          if (result.outcome === 'invalid-form')
            return htmlResponse(
              400,
              renderActionConfirmation(link.action, result.contactName, {
                problems: result.problems,
                ...(nav ? { nav } : {}),
              }),
            );
          return htmlResponse(
            result.outcome === 'already-used' ? 410 : 200,
            renderContactActionDone(result, nav),
          );
        }
        return htmlResponse(
          200,
          renderActionDone(
            await applyLinkAction(deps.linkActions, link, new Date()),
            request.visitor?.nav(null),
          ),
        );
      },
      problemPage: linkProblemPage,
    }),
  ];
}
