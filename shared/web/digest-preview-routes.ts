import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { DigestModel } from '../digest/digest-model.ts';
import {
  CALLS_TITLE,
  CHANGES_TITLE,
  CONTACTS_TITLE,
  ORGANIZATIONS_TITLE,
  PEOPLE_TITLE,
} from '../digest/digest-phrases.ts';
import { digestDueInWeekOf } from '../digest/digest-schedule.ts';
import { formatEventStart } from '../digest/format-event-time.ts';
import { type DigestPreview, type DigestSendDependencies, previewDigest } from '../digest/send-digests.ts';
import type { SuppressionList } from '../store/suppression-list.ts';
import type { UserProfile } from '../users/user-profile.ts';
import { renderDigestPreviewPage } from './digest-preview-page.tsx';
import { respond, route } from './middleware/route.ts';
import { htmlResponse, jsonResponse, securityHeaders } from './page-responses.ts';
import type { SignedInDependencies } from './signed-in.ts';

type Event = APIGatewayProxyEventV2;

export interface DigestPreviewDependencies extends SignedInDependencies {
  readonly digest: Pick<
    DigestSendDependencies,
    | 'events'
    | 'ledger'
    | 'identity'
    | 'links'
    | 'unsubscribeMailto'
    | 'windowDays'
    | 'contacts'
    | 'saved'
    | 'memberships'
  >;
  readonly suppression: Pick<SuppressionList, 'suppressedAmong'>;
  /** Where the digest's links point (the configured public URL, or the request's host). */
  readonly publicBaseUrlOf: (event: Event) => string;
}

const weekMs = 7 * 86_400_000;

/** Each section of the digest and how many entries it holds, in the mail's order. */
function contentsOf(model: DigestModel): { title: string; count: number }[] {
  return [
    ...model.sections.map((section) => ({ title: section.title, count: section.items.length })),
    { title: CALLS_TITLE, count: model.callsClosing.length },
    { title: PEOPLE_TITLE, count: model.people?.length ?? 0 },
    { title: ORGANIZATIONS_TITLE, count: model.organizations?.length ?? 0 },
    { title: CHANGES_TITLE, count: model.changes.length },
    { title: CONTACTS_TITLE, count: model.contactsDue.length },
  ].filter((entry) => entry.count > 0);
}

/** The next due digest: this week's if its hour is still ahead, else next week's. */
function nextDueSlot(profile: UserProfile, now: Date) {
  const slot = { weekday: profile.digestDay, hour: profile.digestHour };
  const thisWeek = digestDueInWeekOf(slot, profile.timeZone, now.getTime());
  return thisWeek.dueMs > now.getTime()
    ? thisWeek
    : digestDueInWeekOf(slot, profile.timeZone, now.getTime() + weekMs);
}

/** Why the digest would not go out, in the reader's words; null when it would. */
function whyNotSent(profile: UserProfile, preview: DigestPreview, suppressed: boolean): string | null {
  if (profile.unsubscribed) return 'you unsubscribed from the weekly digest.';
  if (profile.paused) return 'your digest is paused.';
  if (!profile.emailConfirmed) return 'your address is not confirmed yet.';
  if (suppressed)
    return 'mail to your address bounced or was marked as spam, so Trellis stopped sending to it.';
  if (preview.empty)
    return 'nothing fits your interests in the next two weeks. Add topics, keywords or places, or ask for a short note in quiet weeks.';
  return null;
}

/** `GET /digest` (the page), `GET /digest/email.html` (the HTML part itself) and `GET /api/digest/preview`. */
export function digestPreviewRoutes(deps: DigestPreviewDependencies) {
  async function previewFor(profile: UserProfile, event: Event) {
    const now = new Date();
    const due = nextDueSlot(profile, now);
    const [preview, suppressed, sent] = await Promise.all([
      // Built for the moment it is due, from what is known now: exactly what would go out then.
      previewDigest(
        { ...deps.digest, publicBaseUrl: deps.publicBaseUrlOf(event) },
        profile,
        due.isoWeek,
        new Date(due.dueMs),
      ),
      deps.suppression.suppressedAmong([profile.email]),
      deps.digest.ledger.latestSent([profile.id], [due.isoWeek]),
    ]);
    return {
      preview,
      due,
      notSent: whyNotSent(profile, preview, suppressed.has(profile.email)),
      alreadySentThisWeek: sent.has(profile.id),
    };
  }

  return [
    ...route(
      {
        method: 'GET',
        path: '/digest',
        access: 'visitor',
        handler: async (request) => {
          const { profile } = request.visitor;
          const { preview, due, notSent, alreadySentThisWeek } = await previewFor(profile, request.event);
          return respond(request, {
            json: () =>
              jsonResponse(200, {
                to: profile.email,
                subject: preview.subject,
                text: preview.text,
                html: preview.html,
                isoWeek: due.isoWeek,
                nextDueAt: new Date(due.dueMs).toISOString(),
                wouldSend: notSent === null,
                notSent,
                alreadySentThisWeek,
              }),
            html: () => {
              const page = htmlResponse(
                200,
                renderDigestPreviewPage(
                  {
                    to: profile.email,
                    subject: preview.subject,
                    text: preview.text,
                    nextDue: formatEventStart(new Date(due.dueMs).toISOString(), false, profile.timeZone),
                    notSent,
                    alreadySentThisWeek,
                    empty: preview.empty,
                    contents: contentsOf(preview.model),
                  },
                  request.visitor.nav('digest'),
                ),
              );
              // The one page that frames another: the digest's HTML part, from this origin only.
              return {
                ...page,
                headers: {
                  ...page.headers,
                  'content-security-policy': `${securityHeaders['content-security-policy']}; frame-src 'self'`,
                },
              };
            },
          });
        },
      },
      [{ method: 'GET', path: '/api/digest/preview' }],
    ),
    ...route({
      // The HTML part as the mail carries it; only this origin may frame it, and it runs nothing.
      method: 'GET',
      path: '/digest/email.html',
      access: 'visitor',
      handler: async (request) => {
        const { preview } = await previewFor(request.visitor.profile, request.event);
        const page = htmlResponse(200, preview.html);
        return {
          ...page,
          headers: {
            ...page.headers,
            'content-security-policy':
              "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'; base-uri 'none'; sandbox allow-popups allow-popups-to-escape-sandbox",
          },
        };
      },
    }),
  ];
}
