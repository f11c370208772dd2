import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatEventStart } from '../digest/format-event-time.ts';
import type { Source, SourceKind } from '../sources/source.ts';
import { sourceKinds } from '../sources/source.ts';
import type { SourceSuggestion } from '../sources/source-suggestion.ts';
import { DataTable } from './components/data-table.tsx';
import { type ControlAttributes, FormField } from './components/form-field.tsx';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';

/*
 * /sources: everyone signed in may suggest a feed and follow their suggestions; an admin also
 * approves or rejects suggestions and sees every source's health.
 */

/** A form's fields as typed, so a page with problems shows them again. */
export type FormValues = Readonly<Record<string, string>>;
/** One message per field name. */
export type FieldErrors = Readonly<Record<string, string>>;

export interface FormState {
  readonly values: FormValues;
  readonly errors: FieldErrors;
}

export interface PendingSuggestionView {
  readonly suggestion: SourceSuggestion;
  /** The suggester's address, for the admin (null when the account is gone). */
  readonly suggestedByEmail: string | null;
}

export interface SourcesAdminView {
  readonly pending: readonly PendingSuggestionView[];
  /** The approve form sent with problems, to show again with the admin's values. */
  readonly approveForm: (FormState & { readonly suggestionId: string }) | null;
  readonly recentlyDecided: readonly SourceSuggestion[];
  readonly sources: readonly Source[];
}

export interface SourcesPageView {
  readonly nav: PageNav;
  /** The viewer's zone (their profile's): every time is shown in it. */
  readonly timeZone: string;
  readonly csrf: string;
  readonly status: string | null;
  readonly problems: readonly string[];
  readonly suggestForm: FormState;
  readonly own: readonly SourceSuggestion[];
  /** Present for admins only. */
  readonly admin: SourcesAdminView | null;
}

export const kindLabels: Readonly<Record<SourceKind, string>> = {
  'industry-event': 'Industry events',
  'professional-org': 'Professional organization',
  'mentorship-program': 'Mentorship program',
  'peer-group': 'Peer group',
};

/** Field labels, also used to name a field in the problems list. */
export const suggestFieldLabels: Readonly<Record<string, string>> = {
  url: 'Feed URL',
  kind: 'Kind',
  organization: 'Organization',
  note: 'Note for the admin',
};

export const approveFieldLabels: Readonly<Record<string, string>> = {
  kind: 'Kind',
  organization: 'Organization',
  refreshMinutes: 'Fetch every (minutes)',
  defaultTags: 'Tags for its events',
};

const statusLabels: Readonly<Record<SourceSuggestion['status'], string>> = {
  pending: 'waiting for an admin',
  approved: 'approved: Trellis reads it',
  rejected: 'not accepted',
};

/** The viewer's zone, for every time on the page. */
const ViewerZone = createContext('UTC');

/** A time as the viewer reads it, in their own zone ("Wed 2 Dec, 23:35 CET"), with the exact instant for machines. */
function Time(props: { readonly iso: string | null; readonly never?: string }) {
  const zone = useContext(ViewerZone);
  if (!props.iso) return <>{props.never ?? 'never'}</>;
  return <time dateTime={props.iso}>{formatEventStart(props.iso, false, zone)}</time>;
}

function KindSelect(props: { readonly control: ControlAttributes; readonly selected: string }) {
  return (
    <select {...props.control}>
      {sourceKinds.map((kind) => (
        <option value={kind} selected={kind === props.selected}>
          {kindLabels[kind]}
        </option>
      ))}
    </select>
  );
}

function SuggestForm(props: { readonly csrf: string; readonly form: FormState }) {
  const { form } = props;
  const value = (name: string) => form.values[name] ?? '';
  return (
    <>
      <h2>Suggest a feed</h2>
      <p>
        Know a calendar or events feed worth reading? Suggest it: an admin checks it before Trellis reads it.
      </p>
      <PostForm action="/sources/suggestions" csrf={props.csrf}>
        <FormField
          id="suggest-url"
          name="url"
          label={suggestFieldLabels.url}
          problem={form.errors.url}
          hint="An iCalendar (.ics), RSS, Atom or JSON feed, or a web page with schema.org events."
        >
          {(control) => (
            <input
              {...control}
              type="url"
              value={value('url')}
              required
              maxLength={2048}
              inputMode="url"
              autoComplete="url"
            />
          )}
        </FormField>
        <FormField id="suggest-kind" name="kind" label={suggestFieldLabels.kind} problem={form.errors.kind}>
          {(control) => <KindSelect control={control} selected={value('kind')} />}
        </FormField>
        <FormField
          id="suggest-organization"
          name="organization"
          label={`${suggestFieldLabels.organization} (optional)`}
          problem={form.errors.organization}
          hint="Who publishes the feed."
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={value('organization')}
              maxLength={200}
              autoComplete="organization"
            />
          )}
        </FormField>
        <FormField
          id="suggest-note"
          name="note"
          label={`${suggestFieldLabels.note} (optional)`}
          problem={form.errors.note}
          hint="Why it is worth reading; at most 500 characters."
        >
          {(control) => <textarea {...control} rows={3} maxLength={500} value={value('note')} />}
        </FormField>
        <button type="submit">Suggest this feed</button>
      </PostForm>
    </>
  );
}

function OwnSuggestions(props: { readonly own: readonly SourceSuggestion[] }) {
  if (props.own.length === 0) return null;
  return (
    <>
      <h2>Your suggestions</h2>
      <ul>
        {props.own.map((suggestion) => (
          <li key={suggestion.id}>
            <code>{suggestion.url}</code>
            <br />
            <span class="hint">
              {kindLabels[suggestion.kind]} · suggested <Time iso={suggestion.suggestedAt} /> ·{' '}
              <strong>{statusLabels[suggestion.status]}</strong>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}

function ApproveForm(props: {
  readonly csrf: string;
  readonly pending: PendingSuggestionView;
  readonly corrected: SourcesAdminView['approveForm'];
}) {
  const { suggestion } = props.pending;
  const id = suggestion.id;
  const mine = props.corrected?.suggestionId === id ? props.corrected : null;
  const value = (name: string, fallback: string) => mine?.values[name] ?? fallback;
  const error = (name: string) => mine?.errors[name];
  const path = `/sources/suggestions/${encodeURIComponent(id)}`;
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <code>{suggestion.url}</code>
      </h3>
      <p class="hint">
        {kindLabels[suggestion.kind]}
        {suggestion.organization ? ` · ${suggestion.organization}` : null} · suggested{' '}
        <Time iso={suggestion.suggestedAt} /> by {props.pending.suggestedByEmail ?? 'a removed account'}
      </p>
      {suggestion.note ? <blockquote>{suggestion.note}</blockquote> : null}
      <PostForm action={`${path}/approve`} csrf={props.csrf}>
        <FormField id={`${id}-kind`} name="kind" label={approveFieldLabels.kind} problem={error('kind')}>
          {(control) => <KindSelect control={control} selected={value('kind', suggestion.kind)} />}
        </FormField>
        <FormField
          id={`${id}-organization`}
          name="organization"
          label={approveFieldLabels.organization}
          problem={error('organization')}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              value={value('organization', suggestion.organization ?? '')}
              maxLength={200}
            />
          )}
        </FormField>
        <FormField
          id={`${id}-refresh`}
          name="refreshMinutes"
          label={approveFieldLabels.refreshMinutes}
          problem={error('refreshMinutes')}
          hint="From 15 minutes to a week (10080)."
        >
          {(control) => (
            <input
              {...control}
              type="number"
              value={value('refreshMinutes', '60')}
              min="15"
              max="10080"
              step="1"
              inputMode="numeric"
            />
          )}
        </FormField>
        <FormField
          id={`${id}-tags`}
          name="defaultTags"
          label={approveFieldLabels.defaultTags}
          problem={error('defaultTags')}
          hint="Optional: lower-case words with dashes, separated by commas, e.g. cloud, berlin."
        >
          {(control) => <input {...control} type="text" value={value('defaultTags', '')} />}
        </FormField>
        <button type="submit">
          Approve<span class="visually-hidden"> {suggestion.url}</span>
        </button>
      </PostForm>
      <PostForm action={`${path}/reject`} csrf={props.csrf}>
        <button type="submit" class="secondary">
          Reject<span class="visually-hidden"> {suggestion.url}</span>
        </button>
      </PostForm>
    </section>
  );
}

function SourceCell(props: { readonly source: Source }) {
  const { source } = props;
  return (
    <>
      {source.organization ?? kindLabels[source.kind]}
      <br />
      <code>{source.url}</code>
      <br />
      <span class="hint">
        {kindLabels[source.kind]} · format {source.health.lastFormat ?? 'not known yet'}
      </span>
    </>
  );
}

function LastError(props: { readonly source: Source }) {
  const { health } = props.source;
  if (!health.lastError) return <>none</>;
  return (
    <>
      <span class="problem">{health.lastError}</span>
      <br />
      <span class="hint">
        {health.consecutiveFailures} failed fetch{health.consecutiveFailures === 1 ? '' : 'es'} in a row
      </span>
    </>
  );
}

/** How many entries of the last parse had problems, and the first few of them. */
function Problems(props: { readonly source: Source }) {
  const { lastProblemCount, lastProblems } = props.source.health;
  if (lastProblemCount === 0) return <>none</>;
  return (
    <details>
      <summary>
        {lastProblemCount}
        <span class="visually-hidden"> problems in {props.source.organization ?? props.source.url}</span>
      </summary>
      <ul>
        {lastProblems.map((problem) => (
          <li>{problem}</li>
        ))}
      </ul>
    </details>
  );
}

function HealthTable(props: { readonly sources: readonly Source[] }) {
  if (props.sources.length === 0)
    return (
      <>
        <h2>Sources</h2>
        <p>No sources yet: approve a suggestion above.</p>
      </>
    );
  const sorted = [...props.sources].sort((a, b) =>
    (a.organization ?? a.url).localeCompare(b.organization ?? b.url),
  );
  // Seven columns do not fit a phone: the table scrolls sideways in a region one can focus and scroll by keyboard.
  return (
    <>
      <h2 id="sources-title">Sources ({props.sources.length})</h2>
      <DataTable
        labelledBy="sources-title"
        scrolls
        rowHeaders
        rows={sorted}
        rowKey={(source) => source.id}
        empty={null}
        columns={[
          { header: 'Source', cell: (source: Source) => <SourceCell source={source} /> },
          { header: 'Last fetch', cell: (source: Source) => <Time iso={source.health.lastFetchAt} /> },
          { header: 'Last success', cell: (source: Source) => <Time iso={source.health.lastSuccessAt} /> },
          { header: 'Last error', cell: (source: Source) => <LastError source={source} /> },
          { header: 'Events', cell: (source: Source) => source.health.lastEventCount },
          { header: 'Problems', cell: (source: Source) => <Problems source={source} /> },
          { header: 'Next fetch', cell: (source: Source) => <Time iso={source.health.nextFetchAt} /> },
        ]}
      />
    </>
  );
}

function RecentDecisions(props: { readonly decided: readonly SourceSuggestion[] }) {
  if (props.decided.length === 0) return null;
  return (
    <>
      <h2>Recent decisions</h2>
      <ul>
        {props.decided.map((suggestion) => (
          <li key={suggestion.id}>
            <code>{suggestion.url}</code>: {suggestion.status === 'approved' ? 'approved' : 'rejected'}{' '}
            <Time iso={suggestion.decidedAt} />
          </li>
        ))}
      </ul>
    </>
  );
}

function AdminSections(props: { readonly csrf: string; readonly admin: SourcesAdminView }) {
  const { admin } = props;
  return (
    <>
      <h2>Waiting for approval ({admin.pending.length})</h2>
      <p>Approving makes the feed a source; Trellis fetches it within minutes and then on its schedule.</p>
      {admin.pending.length === 0 ? (
        <p>No suggestions are waiting.</p>
      ) : (
        admin.pending.map((one) => (
          <ApproveForm
            key={one.suggestion.id}
            csrf={props.csrf}
            pending={one}
            corrected={admin.approveForm}
          />
        ))
      )}
      <HealthTable sources={admin.sources} />
      <RecentDecisions decided={admin.recentlyDecided} />
    </>
  );
}

export function renderSourcesPage(view: SourcesPageView): string {
  return renderPageDocument(
    'Sources',
    <ViewerZone.Provider value={view.timeZone}>
      <SuggestForm csrf={view.csrf} form={view.suggestForm} />
      <OwnSuggestions own={view.own} />
      {view.admin ? <AdminSections csrf={view.csrf} admin={view.admin} /> : null}
    </ViewerZone.Provider>,
    { nav: view.nav, status: view.status, problems: view.problems },
  );
}

/** The page a signed-in visitor without the admin role gets for an admin action. */
export function renderAdminsOnly(nav: PageNav): string {
  return renderPageDocument(
    'Only admins can do this',
    <p>
      Approving and rejecting suggested feeds needs the admin role, so nothing was changed.{' '}
      <a href="/sources">Back to sources</a>.
    </p>,
    { nav },
  );
}
