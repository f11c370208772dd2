import type { CalendarUrls } from '../calendar/calendar-subscription.ts';
import type { SavedEventSummary } from '../calendar/list-saved-events.ts';
import { formatEventTime } from '../digest/format-event-time.ts';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';

/*
 * The secret calendar feed: the URL to copy (a read-only field selects in one tap), and rotation; and
 * the events the user saved, each with its own "Remove from my calendar" form.
 */

export interface SavedEventsView {
  readonly events: readonly SavedEventSummary[];
  /** The user's zone: every time is shown as their calendar shows it. */
  readonly timeZone: string;
}

function SavedEventItem(props: {
  readonly event: SavedEventSummary;
  readonly timeZone: string;
  readonly csrf: string;
}) {
  const { event } = props;
  return (
    <li>
      <h3>{event.title}</h3>
      <p>
        {formatEventTime(event, props.timeZone)}
        {event.status === 'cancelled' ? (
          <>
            {' · '}
            <strong class="problem">Cancelled by the organizer</strong>
          </>
        ) : null}
      </p>
      <PostForm action={`/calendar/saved/${encodeURIComponent(event.eventId)}/remove`} csrf={props.csrf}>
        <button type="submit" class="secondary">
          Remove from my calendar<span class="visually-hidden">: {event.title}</span>
        </button>
      </PostForm>
    </li>
  );
}

function SavedEvents(props: { readonly saved: SavedEventsView; readonly csrf: string }) {
  const { saved } = props;
  return (
    <>
      <h2>Events you saved</h2>
      {saved.events.length === 0 ? (
        <p>
          You have not saved any upcoming events. Use “Add to my calendar” in your digest to save one: it
          joins this feed and you get an invitation by email.
        </p>
      ) : (
        <>
          <p class="hint">
            Removing an event takes it out of this feed, and a cancellation by email takes it off your
            calendar if you had its invitation. The organizer is not told.
          </p>
          <ul>
            {saved.events.map((event) => (
              <SavedEventItem key={event.eventId} event={event} timeZone={saved.timeZone} csrf={props.csrf} />
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export function renderCalendarPage(
  urls: CalendarUrls,
  saved: SavedEventsView,
  nav: PageNav,
  status: string | null,
): string {
  return renderPageDocument(
    'Your calendar',
    <>
      <p>
        One feed holds the events that fit you, the events you saved and your reconnect reminders. Calendar
        apps refresh it on their own (usually every few hours).
      </p>
      <p>
        <a class="button" href={urls.webcal}>
          Subscribe in your calendar app
        </a>
      </p>
      <p class="hint">Opens your calendar app's subscribe dialog (a webcal: link). Or copy the URL:</p>
      <label for="calendar-url">Feed URL to copy</label>
      <input
        id="calendar-url"
        type="text"
        readOnly
        value={urls.https}
        aria-describedby="calendar-url-hint"
        spellcheck={false}
      />
      <p class="hint" id="calendar-url-hint">
        Google Calendar: Other calendars → From URL. Apple Calendar: File → New Calendar Subscription.
        Outlook: Add calendar → Subscribe from web. The URL is the key to your calendar: keep it to yourself.
      </p>
      <SavedEvents saved={saved} csrf={nav.csrf} />
      <h2>Make a new URL</h2>
      <p>
        If the URL got out, make a new one. The old URL stops working at once, so every app subscribed to it
        needs the new one.
      </p>
      <PostForm action="/calendar/rotate" csrf={nav.csrf}>
        <button type="submit" class="secondary">
          Make a new calendar URL
        </button>
      </PostForm>
    </>,
    { nav, status },
  );
}

/** A remove form for an event this user has not saved (or another user's): nothing was changed. */
export function renderSavedEventNotFoundPage(nav: PageNav): string {
  return renderPageDocument(
    'No such saved event',
    <>
      <p>This event is not among the events you saved, so nothing was changed.</p>
      <p>
        <a href="/calendar">Back to your calendar</a>
      </p>
    </>,
    { nav },
  );
}
