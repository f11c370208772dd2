import type { DayGroup } from '../browse/day-groups.ts';
import type { Source } from '../sources/source.ts';
import { DataTable } from './components/data-table.tsx';
import { type PageNav, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';
import { DayGroups, listingStyles, OrganizationLink, VisitorNav, ZoneChooser } from './events-components.tsx';
import type { ViewerZone } from './events-time-zone.ts';

/*
 * The public landing page: what Trellis reads and the events coming up (by day, in the viewer's zone,
 * a series once), and the way in; a signed-in reader sees who they are and their navigation. Only what
 * the feeds publish; fetch health and errors are for admins (`/sources`).
 */

export interface OverviewView {
  readonly sources: readonly Source[];
  /** Upcoming events by day, a series as one row. */
  readonly days: readonly DayGroup[];
  readonly viewer: ViewerZone;
  readonly signedIn: { readonly email: string; readonly nav: PageNav } | null;
}

export function renderOverviewPage(view: OverviewView): string {
  return renderPageDocument(
    'Trellis',
    <>
      <style>{trustedHtml(listingStyles)}</style>
      {view.signedIn ? null : <VisitorNav />}
      <p>
        Trellis finds the industry events, professional organizations and mentorship programs that fit you,
        sends one digest a week and reminds you to stay in touch with your mentors and peers.
      </p>
      {view.signedIn ? (
        <p>
          Signed in as <strong>{view.signedIn.email}</strong>. <a href="/events">Events for you</a> ·{' '}
          <a href="/account">Your Trellis</a>
        </p>
      ) : (
        <p>
          <a href="/sign-in">Sign in or sign up</a> (no password: we email you a link).
        </p>
      )}
      <p>
        Upcoming events read from {view.sources.length} sources: <a href="/events">browse and search them</a>,
        or by <a href="/topics">topic</a>. JSON: <a href="/api/events">/api/events</a>. Know a feed worth
        reading? <a href="/sources">Suggest it</a>.
      </p>
      <h2 id="events-title">Upcoming events</h2>
      <ZoneChooser viewer={view.viewer} action="/" />
      <DayGroups
        groups={view.days}
        timeZone={view.viewer.zone}
        headingLevel={3}
        empty={<p>No upcoming events.</p>}
      />
      <p>
        <a href="/events">All upcoming events</a>
      </p>
      <h2 id="sources-title">Sources</h2>
      <DataTable
        labelledBy="sources-title"
        columns={[
          {
            header: 'Organization',
            cell: (source: Source) =>
              source.organization ? (
                <OrganizationLink name={source.organization} />
              ) : (
                new URL(source.url).host
              ),
          },
          { header: 'Kind', cell: (source: Source) => source.kind },
        ]}
        rows={view.sources}
        rowKey={(source) => source.id}
        empty={
          <p>
            No sources yet: <code>npx trellis sources add URL --kind industry-event</code>
          </p>
        }
      />
    </>,
    {
      wide: true,
      indexable: true,
      documentTitle: 'Trellis',
      ...(view.signedIn ? { nav: view.signedIn.nav } : {}),
    },
  );
}
