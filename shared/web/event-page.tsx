import { eventTimes } from '../browse/event-time-text.ts';
import { formatDay } from '../digest/format-event-time.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { FeedLink } from './components/feed-link.tsx';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';
import {
  eventPath,
  listingStyles,
  OrganizationLink,
  TopicChips,
  VisitorNav,
  ZoneChooser,
} from './events-components.tsx';
import { type ViewerZone, zoneLabel } from './events-time-zone.ts';
import { safeHref } from './safe-href.ts';

/*
 * One event's page (`/events/{id}`): when in the reader's zone (and in the event's own when that reads
 * differently), where with a map link, who organizes it, what it is about, every source's link and
 * the event's own `.ics`; signed in, "Add to my calendar" and "Not interested" (POST forms with the
 * session's CSRF token); otherwise the way to sign in and save it.
 */

export const eventDoneMessages = {
  saved: 'Added to your calendar: it is in your calendar feed now, and an invitation is on its way by email.',
  'saved-in-feed': 'Added to your calendar: it is in your calendar feed now.',
  'already-saved': 'It was in your calendar already.',
  'not-interested': 'Noted: you will not see this event again, and similar ones rank lower.',
} as const;
export type EventDone = keyof typeof eventDoneMessages;
export const isEventDone = (value: string | undefined): value is EventDone =>
  value !== undefined && Object.hasOwn(eventDoneMessages, value);

export interface EventPageView {
  readonly event: StoredEvent;
  readonly viewer: ViewerZone;
  readonly nav: PageNav | null;
  readonly status?: string | null;
}

/** An OpenStreetMap search for a place's words. */
export const mapUrlOf = (place: string) =>
  `https://www.openstreetmap.org/search?query=${encodeURIComponent(place)}`;

/** The place as one line: the feed's location line, else the parsed place's parts. */
function placeLineOf(event: StoredEvent): string | null {
  if (event.location?.trim()) return event.location.trim();
  const parts = [event.place?.name, event.place?.address, event.place?.city, event.place?.country].filter(
    (part): part is string => Boolean(part?.trim()),
  );
  return parts.length > 0 ? parts.join(', ') : null;
}

/** Every distinct http(s) link of the event: its own, then each source's. */
function sourceLinksOf(event: StoredEvent): string[] {
  const links = [event.url, ...event.sources.map((source) => source.url)]
    .map((url) => safeHref(url))
    .filter((url): url is string => url !== null);
  return [...new Set(links)];
}

const hostOf = (url: string) => new URL(url).host;

export function renderEventPage(view: EventPageView): string {
  const { event, viewer } = view;
  const times = eventTimes(event, viewer.zone);
  const place = placeLineOf(event);
  const links = sourceLinksOf(event);
  const title = event.title.trim() || 'Untitled event';
  const statusNote = event.removed
    ? 'This event is no longer listed by its organizers.'
    : event.status === 'cancelled'
      ? 'This event is cancelled.'
      : event.status === 'tentative'
        ? 'This event is not confirmed yet.'
        : null;
  return renderPageDocument(
    title,
    <>
      <style>{trustedHtml(listingStyles)}</style>
      {view.nav ? null : <VisitorNav />}
      {statusNote ? <p class="problem">{statusNote}</p> : null}
      <dl class="facts">
        <dt>When</dt>
        <dd>
          {times.yours} <small>(your time, {zoneLabel(viewer.zone)})</small>
          {times.own && times.ownZone ? (
            <>
              <br />
              {times.own} <small>(local time, {zoneLabel(times.ownZone)})</small>
            </>
          ) : null}
        </dd>
        <dt>Where</dt>
        <dd>
          {event.online ? 'Online' : null}
          {event.online && place ? ' · ' : null}
          {place}
          {place ? (
            <>
              {' '}
              <a href={mapUrlOf(place)}>
                Map<span class="visually-hidden"> of {place}</span>
              </a>
            </>
          ) : null}
          {!event.online && !place ? 'Not given' : null}
          {event.online && safeHref(event.joinUrl) ? (
            <>
              {' '}
              <FeedLink href={event.joinUrl}>Join link</FeedLink>
            </>
          ) : null}
        </dd>
        {event.organizer || event.organization ? (
          <>
            <dt>Organized by</dt>
            <dd>
              <OrganizationLink name={event.organizer ?? event.organization} />
              {event.organization && event.organizer && event.organization !== event.organizer ? (
                <>
                  {' · '}
                  <OrganizationLink name={event.organization} />
                </>
              ) : null}
            </dd>
          </>
        ) : null}
      </dl>
      <TopicChips tags={event.tags} />
      <h2>Save it</h2>
      {view.nav ? (
        <div class="row">
          <PostForm action={`${eventPath(event.id)}/save`} csrf={view.nav.csrf}>
            <button type="submit">Add to my calendar</button>
          </PostForm>
          <PostForm action={`${eventPath(event.id)}/not-interested`} csrf={view.nav.csrf}>
            <button type="submit" class="secondary">
              Not interested
            </button>
          </PostForm>
        </div>
      ) : (
        <p>
          <a href="/sign-in">Sign in to save</a> it to your calendar (new here? the same link makes your
          account).
        </p>
      )}
      <p>
        <a href={`${eventPath(event.id)}.ics`} download>
          Download this event (.ics)
        </a>{' '}
        for any calendar app.
      </p>
      {event.description.trim() ? (
        <>
          <h2>About</h2>
          <p class="description">{event.description.trim()}</p>
        </>
      ) : null}
      {event.callForSpeakers?.url && safeHref(event.callForSpeakers.url) ? (
        <p>
          <FeedLink href={event.callForSpeakers.url}>Call for speakers</FeedLink>
          {event.callForSpeakers.closesOn
            ? ` (closes ${formatDay(event.callForSpeakers.closesOn, viewer.zone)})`
            : null}
        </p>
      ) : null}
      <h2>Sources</h2>
      {links.length > 0 ? (
        <ul>
          {links.map((url) => (
            <li key={url}>
              <FeedLink href={url}>{hostOf(url)}</FeedLink>
            </li>
          ))}
        </ul>
      ) : (
        <p>The feeds give no link for this event.</p>
      )}
      <ZoneChooser viewer={viewer} action={eventPath(event.id)} />
      <p>
        <a href="/events">All events</a>
      </p>
    </>,
    { ...(view.nav ? { nav: view.nav } : {}), ...(view.status ? { status: view.status } : {}) },
  );
}

/** The 404 of an unknown event: the shell, the way back to the events. */
export function renderEventNotFoundPage(nav: PageNav | null): string {
  return renderPageDocument(
    'Event not found',
    <>
      <style>{trustedHtml(listingStyles)}</style>
      {nav ? null : <VisitorNav />}
      <p>There is no such event: it may have ended, or the address is mistyped.</p>
      <p>
        <a href="/events">Browse the upcoming events</a>
      </p>
    </>,
    nav ? { nav } : {},
  );
}
