import type { SeriesRow } from '../events/collapse-series.ts';
import type { Source } from '../sources/source.ts';
import { DataTable } from './components/data-table.tsx';
import { FeedLink } from './components/feed-link.tsx';
import { renderPageDocument } from './components/page-shell.tsx';

/*
 * The public landing page: what Trellis reads and the events coming up, and the way in. Only what the
 * feeds publish; fetch health and errors are for admins (`/sources`).
 */

function EventCell(props: { readonly row: SeriesRow }) {
  const { event, laterOccurrences } = props.row;
  const status = event.removed ? 'removed' : event.status === 'cancelled' ? 'cancelled' : null;
  return (
    <>
      <FeedLink href={event.url}>{event.title}</FeedLink>
      {status ? (
        <>
          {' '}
          <strong class="problem">{status}</strong>
        </>
      ) : null}
      {event.sources.length > 1 ? <small> ({event.sources.length} sources)</small> : null}
      {laterOccurrences > 0 ? (
        <small>
          {' '}
          and {laterOccurrences} more date{laterOccurrences === 1 ? '' : 's'}
        </small>
      ) : null}
      <br />
      <small>
        {event.online ? 'online' : (event.location ?? '')} · {event.tags.join(', ')}
      </small>
    </>
  );
}

export function renderOverviewPage(input: {
  sources: readonly Source[];
  /** Upcoming events, a series collapsed into its next occurrence (collapseSeries). */
  rows: readonly SeriesRow[];
  now: Date;
}): string {
  return renderPageDocument(
    'Trellis',
    <>
      <p>
        Trellis finds the industry events, professional organizations and mentorship programs that fit you,
        sends one digest a week and reminds you to stay in touch with your mentors and peers.{' '}
        <a href="/sign-in">Sign in or sign up</a> (no password: we email you a link).
      </p>
      <p>
        Upcoming events read from {input.sources.length} sources, as of {input.now.toISOString()}. JSON:{' '}
        <a href="/api/events">/api/events</a>. Know a feed worth reading? <a href="/sources">Suggest it</a>.
      </p>
      <h2 id="sources-title">Sources</h2>
      <DataTable
        labelledBy="sources-title"
        columns={[
          {
            header: 'Organization',
            cell: (source: Source) => source.organization ?? new URL(source.url).host,
          },
          { header: 'Kind', cell: (source: Source) => source.kind },
        ]}
        rows={input.sources}
        rowKey={(source) => source.id}
        empty={
          <p>
            No sources yet: <code>npx trellis sources add URL --kind industry-event</code>
          </p>
        }
      />
      <h2 id="events-title">Upcoming events</h2>
      <DataTable
        labelledBy="events-title"
        columns={[
          {
            header: 'When',
            cell: ({ event }: SeriesRow) => (
              <>
                {event.start}
                {event.timeZone ? (
                  <>
                    <br />
                    <small>{event.timeZone}</small>
                  </>
                ) : null}
              </>
            ),
          },
          { header: 'Event', cell: (row: SeriesRow) => <EventCell row={row} /> },
        ]}
        rows={input.rows}
        rowKey={({ event }) => event.id}
        empty={<p>No upcoming events.</p>}
      />
    </>,
    { wide: true, indexable: true, documentTitle: 'Trellis' },
  );
}
