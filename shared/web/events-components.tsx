import type { ComponentChildren } from 'preact';
import type { DayGroup } from '../browse/day-groups.ts';
import { timeOfDayText } from '../browse/event-time-text.ts';
import { organizationSlugOf } from '../browse/organization-slug.ts';
import { type BrowseRow, seriesLine } from '../browse/series-rows.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { everyZoneName } from '../time/iana-zone-name.ts';
import { isTopicId, topicById } from '../topics/topic-vocabulary.ts';
import { type ViewerZone, zoneLabel, zoneSourceText } from './events-time-zone.ts';

/*
 * The pieces every event listing shares (the overview, /events, a topic's and an organization's
 * page, an event's own page): topic chips and organization names that link to their pages, one row
 * per event or series with its time in the reader's zone, the days as headed lists, the zone chooser,
 * and the navigation of a visitor who is not signed in.
 */

export const eventPath = (eventId: string) => `/events/${encodeURIComponent(eventId)}`;
export const topicPath = (topic: string) => `/topics/${encodeURIComponent(topic)}`;
export const organizationPath = (name: string) =>
  `/organizations/${encodeURIComponent(organizationSlugOf(name))}`;

/** The vocabulary topics of an event's tags (feed categories that are not topics are left out). */
export const topicsOf = (tags: readonly string[]) => tags.filter(isTopicId).map((id) => topicById(id));

export function TopicChips(props: { readonly tags: readonly string[] }) {
  const topics = topicsOf(props.tags);
  if (topics.length === 0) return null;
  return (
    <ul class="chips" aria-label="Topics">
      {topics.map((topic) => (
        <li key={topic.id}>
          <a href={topicPath(topic.id)}>{topic.label}</a>
        </li>
      ))}
    </ul>
  );
}

/** An organization's name as a link to its page (nothing for a name without letters or digits). */
export function OrganizationLink(props: { readonly name: string | null }) {
  const name = props.name?.trim() ?? '';
  if (name === '' || organizationSlugOf(name) === '') return <>{name}</>;
  return <a href={organizationPath(name)}>{name}</a>;
}

/** The line under an event's title: where, and who. */
export function EventPlaceLine(props: { readonly event: StoredEvent }) {
  const { event } = props;
  const place = event.online ? 'Online' : (event.place?.city ?? event.location ?? null);
  const organization = event.organization ?? event.organizer;
  return (
    <>
      {place}
      {place && organization ? ' · ' : null}
      {organization ? <OrganizationLink name={organization} /> : null}
    </>
  );
}

function StatusMark(props: { readonly event: StoredEvent }) {
  const status = props.event.removed ? 'removed' : props.event.status === 'cancelled' ? 'cancelled' : null;
  return status ? (
    <>
      {' '}
      <strong class="problem">{status}</strong>
    </>
  ) : null;
}

/** One event or series in a listing, under its day's heading. */
export function EventRow(props: {
  readonly row: BrowseRow;
  readonly timeZone: string;
  /** Why it matches the reader ("for you"). */
  readonly reasons?: readonly string[];
}) {
  const { event } = props.row;
  const series = seriesLine(props.row, props.timeZone);
  return (
    <li class="event">
      <span class="when">{timeOfDayText(event, props.timeZone)}</span>{' '}
      <a href={eventPath(event.id)} class="title">
        {event.title.trim() || 'Untitled event'}
      </a>
      <StatusMark event={event} />
      {series ? (
        <>
          <br />
          <small>{series}</small>
        </>
      ) : null}
      <br />
      <small>
        <EventPlaceLine event={event} />
      </small>
      {props.reasons && props.reasons.length > 0 ? (
        <>
          <br />
          <small>Why: {props.reasons.join('; ')}</small>
        </>
      ) : null}
      <TopicChips tags={event.tags} />
    </li>
  );
}

/** Days as headed lists of rows. */
export function DayGroups(props: {
  readonly groups: readonly DayGroup[];
  readonly timeZone: string;
  readonly reasonsOf?: (event: StoredEvent) => readonly string[] | undefined;
  readonly headingLevel?: 2 | 3;
  readonly empty: ComponentChildren;
}) {
  if (props.groups.length === 0) return <>{props.empty}</>;
  const Heading = props.headingLevel === 3 ? 'h3' : 'h2';
  return (
    <>
      {props.groups.map((group) => (
        <section key={group.date} aria-labelledby={`day-${group.date}`}>
          <Heading id={`day-${group.date}`}>{group.heading}</Heading>
          <ul class="events">
            {group.rows.map((row) => {
              const reasons = props.reasonsOf?.(row.event);
              return (
                <EventRow
                  key={row.event.id}
                  row={row}
                  timeZone={props.timeZone}
                  {...(reasons ? { reasons } : {})}
                />
              );
            })}
          </ul>
        </section>
      ))}
    </>
  );
}

/**
 * Which zone the times are in, and (for a visitor not signed in) a form to change it that keeps the
 * page's other parameters. A signed-in reader changes theirs on the profile.
 */
export function ZoneChooser(props: {
  readonly viewer: ViewerZone;
  readonly action: string;
  /** The page's other parameters, kept when the zone changes. */
  readonly keep?: Readonly<Record<string, string>>;
}) {
  const { viewer } = props;
  const said = (
    <>
      Times are in <strong>{zoneLabel(viewer.zone)}</strong> ({zoneSourceText(viewer.source)})
    </>
  );
  if (viewer.source === 'profile')
    return (
      <p class="zone">
        {said}; change it in <a href="/profile">your interests</a>.
      </p>
    );
  const likely = viewer.likely.filter((zone) => zone !== viewer.zone);
  const others = everyZoneName().filter((zone) => zone !== viewer.zone && !likely.includes(zone));
  return (
    <form method="get" action={props.action} class="zone">
      <p>{said}.</p>
      {Object.entries(props.keep ?? {})
        .filter(([name]) => name !== 'tz' && name !== 'cursor')
        .map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
      <label for="tz">Show times in</label>
      <div class="row">
        <select id="tz" name="tz">
          <option value={viewer.zone} selected>
            {zoneLabel(viewer.zone)}
          </option>
          {likely.length > 0 ? (
            <optgroup label="Likely for you">
              {likely.map((zone) => (
                <option key={zone} value={zone}>
                  {zoneLabel(zone)}
                </option>
              ))}
            </optgroup>
          ) : null}
          <optgroup label="Every zone">
            {others.map((zone) => (
              <option key={zone} value={zone}>
                {zoneLabel(zone)}
              </option>
            ))}
          </optgroup>
        </select>
        <button type="submit" class="secondary">
          Change zone
        </button>
      </div>
    </form>
  );
}

/** For a visitor who is not signed in: where to browse, and the way in. */
export function VisitorNav() {
  return (
    <nav aria-label="Browse" class="visitor-nav">
      <ul class="chips">
        <li>
          <a href="/">Trellis</a>
        </li>
        <li>
          <a href="/events">Events</a>
        </li>
        <li>
          <a href="/sign-in">Sign in or sign up</a>
        </li>
      </ul>
    </nav>
  );
}

/** The listing's own styles (the shell's sheet covers the rest). */
export const listingStyles = [
  'ul.events{list-style:none;padding:0;margin:0}ul.events>li{padding:.5rem 0;border-bottom:1px solid var(--line)}',
  '.when{font-variant-numeric:tabular-nums;color:var(--muted)}.title{font-weight:600}',
  'ul.chips{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem .5rem;padding:0;margin:.3rem 0}',
  'ul.chips a{display:inline-block;padding:0 .5rem;border:1px solid var(--line);border-radius:1rem;font-size:.92em}',
  'ul.chips a[aria-current=page]{font-weight:700;color:var(--fg);border-color:var(--fg)}',
  '.visitor-nav{padding:.6rem 0;border-bottom:1px solid var(--line)}',
  'form.zone select{width:auto;max-width:100%}form.zone .row{align-items:center}form.zone button{margin-top:0}',
  '.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:0 1rem}',
  'dl.facts dt{font-weight:600;margin-top:.6rem}dl.facts dd{margin:0}',
  '.description{white-space:pre-line;overflow-wrap:anywhere}a{overflow-wrap:anywhere}',
  'input[type=search]{font:inherit;color:inherit;background:var(--bg);width:100%;box-sizing:border-box;padding:.5rem;border:1px solid var(--muted);border-radius:.3rem}',
].join('\n');
