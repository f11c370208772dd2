import type { ComponentChildren } from 'preact';
import type { DayGroup } from '../browse/day-groups.ts';
import { localDateOf } from '../browse/day-groups.ts';
import { formatWindow } from '../digest/format-event-time.ts';
import type { StoredEvent } from '../events/stored-event.ts';
import { organizationKindLabels } from '../organizations/rank-organizations.ts';
import { sourceKinds } from '../sources/source.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { type PageNav, renderPageDocument } from './components/page-shell.tsx';
import { trustedHtml } from './components/render.ts';
import { DayGroups, listingStyles, VisitorNav, ZoneChooser } from './events-components.tsx';
import { defaultNearKm } from './events-query.ts';
import type { ViewerZone } from './events-time-zone.ts';

/*
 * Browsing events: `/events` (filters, search, "for you" when signed in), a topic's page and an
 * organization's page, all one listing: the days in the reader's zone, a series once, a link to the
 * next page. Plain HTML forms with GET, no scripts.
 */

export interface ListingView {
  readonly title: string;
  /** Paragraphs and actions above the list (a topic's feed, "Follow"). */
  readonly intro?: ComponentChildren;
  readonly groups: readonly DayGroup[];
  readonly viewer: ViewerZone;
  /** The page's address, for the zone and filter forms. */
  readonly action: string;
  /** The parameters as given, kept by the zone form and shown in the filters. */
  readonly given: Readonly<Record<string, string>>;
  readonly window: { readonly from: Date; readonly to: Date };
  readonly nextHref: string | null;
  /** `/events` has the filter form and, signed in, the two views; topic and organization pages neither. */
  readonly filters: boolean;
  /** Signed in: the navigation, and which view is shown. */
  readonly nav: PageNav | null;
  readonly view?: 'for-you' | 'everything';
  readonly reasonsOf?: (event: StoredEvent) => readonly string[] | undefined;
  readonly status?: string | null;
  readonly empty?: ComponentChildren;
}

const kindLabels: Readonly<Record<string, string>> = {
  ...organizationKindLabels,
  'industry-event': 'Industry event',
};

function Select(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly options: readonly { readonly value: string; readonly text: string }[];
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.id}>
        {props.options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === props.value}>
            {option.text}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextInput(props: {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly type?: 'text' | 'search' | 'date';
  readonly hint?: string;
}) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      {props.hint ? (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        id={props.id}
        name={props.id}
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
      />
    </div>
  );
}

function FilterForm(props: { readonly view: ListingView }) {
  const { given, viewer } = props.view;
  const value = (name: string) => given[name] ?? '';
  // Dates as the reader's days; an instant from a "next" link shows as its day.
  const dateValue = (name: string) => (given[name] ? localDateOf(given[name], viewer.zone) : '');
  return (
    <form method="get" action={props.view.action} aria-label="Find events">
      {props.view.view ? <input type="hidden" name="view" value={props.view.view} /> : null}
      {viewer.source === 'chosen' ? <input type="hidden" name="tz" value={viewer.zone} /> : null}
      <TextInput
        id="q"
        label="Search"
        type="search"
        value={value('q')}
        hint="Words in the title, description, organization or place"
      />
      <div class="filters">
        <Select
          id="topic"
          label="Topic"
          value={value('topic')}
          options={[
            { value: '', text: 'Any topic' },
            ...TOPICS.map((topic) => ({ value: topic.id, text: topic.label })),
          ]}
        />
        <Select
          id="kind"
          label="Kind"
          value={value('kind')}
          options={[
            { value: '', text: 'Any kind' },
            ...sourceKinds.map((kind) => ({ value: kind, text: kindLabels[kind] ?? kind })),
          ]}
        />
        <Select
          id="online"
          label="Online or in person"
          value={value('online')}
          options={[
            { value: '', text: 'Both' },
            { value: 'true', text: 'Online only' },
            { value: 'false', text: 'In person only' },
          ]}
        />
        <TextInput id="city" label="City" value={value('city')} />
        <TextInput id="near" label="Near (a city, or latitude,longitude)" value={value('near')} />
        <Select
          id="km"
          label="Within"
          value={value('km') || String(defaultNearKm)}
          options={[10, 25, 50, 100, 200].map((km) => ({ value: String(km), text: `${km} km` }))}
        />
        <TextInput id="org" label="Organization" value={value('org')} />
        <TextInput id="from" label="From" type="date" value={dateValue('from')} />
        <TextInput id="to" label="To (including)" type="date" value={dateValue('to')} />
      </div>
      <button type="submit">Show events</button> <a href={props.view.action}>Clear filters</a>
    </form>
  );
}

function ViewSwitch(props: { readonly view: 'for-you' | 'everything' }) {
  return (
    <nav aria-label="Which events">
      <ul class="chips">
        <li>
          <a href="/events?view=for-you" aria-current={props.view === 'for-you' ? 'page' : undefined}>
            For you
          </a>
        </li>
        <li>
          <a href="/events?view=everything" aria-current={props.view === 'everything' ? 'page' : undefined}>
            Everything
          </a>
        </li>
      </ul>
    </nav>
  );
}

export function renderListingPage(view: ListingView): string {
  const window = formatWindow(view.window.from.toISOString(), view.window.to.toISOString(), view.viewer.zone);
  return renderPageDocument(
    view.title,
    <>
      <style>{trustedHtml(listingStyles)}</style>
      {view.nav ? null : <VisitorNav />}
      {view.intro}
      {view.filters && view.nav && view.view ? <ViewSwitch view={view.view} /> : null}
      <ZoneChooser viewer={view.viewer} action={view.action} keep={view.given} />
      {view.filters && view.view !== 'for-you' ? <FilterForm view={view} /> : null}
      <p>
        {view.view === 'for-you' ? 'Your matches' : 'Events'}, {window}.
      </p>
      <DayGroups
        groups={view.groups}
        timeZone={view.viewer.zone}
        empty={
          view.empty ??
          (view.view === 'for-you' ? (
            <p>
              Nothing matches your interests in this span yet. Add topics or places in{' '}
              <a href="/profile">your interests</a>, or see <a href="/events?view=everything">everything</a>.
            </p>
          ) : (
            <p>No events found. Try fewer filters or a longer span.</p>
          ))
        }
        {...(view.reasonsOf ? { reasonsOf: view.reasonsOf } : {})}
      />
      {view.nextHref ? (
        <p>
          <a href={view.nextHref}>Later events</a>
        </p>
      ) : null}
    </>,
    {
      wide: true,
      ...(view.nav ? { nav: view.nav } : {}),
      ...(view.status ? { status: view.status } : {}),
    },
  );
}
