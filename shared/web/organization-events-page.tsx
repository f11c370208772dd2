import type { DayGroup } from '../browse/day-groups.ts';
import type { PageNav } from './components/page-shell.tsx';
import { PostForm } from './components/page-shell.tsx';
import { renderListingPage } from './events-page.tsx';
import type { ViewerZone } from './events-time-zone.ts';

/*
 * An organization's page (`/organizations/{slug}`): its upcoming events (those it holds or
 * organizes), and "Follow" for a signed-in reader (their events rank higher in the digest). The
 * suggestions of organizations worth joining are `/organizations`.
 */

export const organizationEventsDoneMessages = {
  followed: 'Followed: their events rank higher in your digest.',
  unfollowed: 'No longer followed.',
} as const;
export type OrganizationEventsDone = keyof typeof organizationEventsDoneMessages;
export const isOrganizationEventsDone = (value: string | undefined): value is OrganizationEventsDone =>
  value !== undefined && Object.hasOwn(organizationEventsDoneMessages, value);

export interface OrganizationEventsView {
  readonly name: string;
  readonly path: string;
  readonly groups: readonly DayGroup[];
  readonly viewer: ViewerZone;
  readonly given: Readonly<Record<string, string>>;
  readonly window: { readonly from: Date; readonly to: Date };
  readonly nextHref: string | null;
  readonly nav: PageNav | null;
  readonly following: boolean;
  readonly status?: string | null;
}

export function renderOrganizationEventsPage(view: OrganizationEventsView): string {
  return renderListingPage({
    title: view.name,
    intro: view.nav ? (
      <>
        <PostForm action={`${view.path}/${view.following ? 'unfollow' : 'follow'}`} csrf={view.nav.csrf}>
          <input type="hidden" name="organization" value={view.name} />
          {view.following ? (
            <p>
              You follow {view.name}.{' '}
              <button type="submit" class="secondary">
                Unfollow
              </button>
            </p>
          ) : (
            <button type="submit">Follow</button>
          )}
        </PostForm>
        <p>
          <a href="/organizations">Organizations worth joining</a>, from the events that match you.
        </p>
      </>
    ) : (
      <p>
        <a href="/sign-in">Sign in to follow {view.name}</a>: their events rank higher in your weekly digest.
      </p>
    ),
    groups: view.groups,
    viewer: view.viewer,
    action: view.path,
    given: view.given,
    window: view.window,
    nextHref: view.nextHref,
    filters: false,
    nav: view.nav,
    status: view.status ?? null,
    empty: <p>No upcoming events of {view.name} that Trellis knows of.</p>,
  });
}
