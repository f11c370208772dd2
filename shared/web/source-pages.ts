import type { Source, SourceKind } from '../sources/source.ts';
import { sourceKinds } from '../sources/source.ts';
import type { SourceSuggestion } from '../sources/source-suggestion.ts';
import { escapeHtml } from './escape-html.ts';
import { csrfField, type PageNav, renderPage } from './page-layout.ts';

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

/** A time as people read it, in UTC, with the exact instant for machines. */
function timeOf(iso: string | null, never = 'never'): string {
  if (!iso) return never;
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 16).replace('T', ' '))} UTC</time>`;
}

interface FieldOptions {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly value: string;
  readonly error: string | undefined;
  readonly hint?: string;
  /** The control itself, given its shared attributes (id, name, aria-*). */
  readonly control: (attributes: string) => string;
}

/** A labelled control with its hint and its problem, tied together with aria-describedby. */
function field(options: FieldOptions): string {
  const hintId = `${options.id}-hint`;
  const problemId = `${options.id}-problem`;
  const describedBy = [options.hint ? hintId : null, options.error ? problemId : null].filter(Boolean);
  const attributes = `id="${options.id}" name="${options.name}"${options.error ? ' aria-invalid="true"' : ''}${
    describedBy.length > 0 ? ` aria-describedby="${describedBy.join(' ')}"` : ''
  }`;
  return `<label for="${options.id}">${escapeHtml(options.label)}</label>${
    options.hint ? `<p id="${hintId}" class="hint">${escapeHtml(options.hint)}</p>` : ''
  }${options.error ? `<p id="${problemId}" class="problem">${escapeHtml(options.error)}</p>` : ''}${options.control(attributes)}`;
}

const textInput =
  (type: string, value: string, extra = '') =>
  (attributes: string) =>
    `<input ${attributes} type="${type}" value="${escapeHtml(value)}"${extra}>`;

const kindSelect = (selected: string) => (attributes: string) =>
  `<select ${attributes}>${sourceKinds
    .map(
      (kind) =>
        `<option value="${kind}"${kind === selected ? ' selected' : ''}>${escapeHtml(kindLabels[kind])}</option>`,
    )
    .join('')}</select>`;

function suggestForm(csrf: string, form: FormState): string {
  const value = (name: string) => form.values[name] ?? '';
  return `<h2>Suggest a feed</h2>
<p>Know a calendar or events feed worth reading? Suggest it: an admin checks it before Trellis reads it.</p>
<form method="post" action="/sources/suggestions">${csrfField(csrf)}
${field({
  id: 'suggest-url',
  name: 'url',
  label: suggestFieldLabels.url ?? 'url',
  value: value('url'),
  error: form.errors.url,
  hint: 'An iCalendar (.ics), RSS, Atom or JSON feed, or a web page with schema.org events.',
  control: textInput('url', value('url'), ' required maxlength="2048" inputmode="url" autocomplete="url"'),
})}
${field({
  id: 'suggest-kind',
  name: 'kind',
  label: suggestFieldLabels.kind ?? 'kind',
  value: value('kind'),
  error: form.errors.kind,
  control: kindSelect(value('kind')),
})}
${field({
  id: 'suggest-organization',
  name: 'organization',
  label: `${suggestFieldLabels.organization} (optional)`,
  value: value('organization'),
  error: form.errors.organization,
  hint: 'Who publishes the feed.',
  control: textInput('text', value('organization'), ' maxlength="200" autocomplete="organization"'),
})}
${field({
  id: 'suggest-note',
  name: 'note',
  label: `${suggestFieldLabels.note} (optional)`,
  value: value('note'),
  error: form.errors.note,
  hint: 'Why it is worth reading; at most 500 characters.',
  control: (attributes) =>
    `<textarea ${attributes} rows="3" maxlength="500">${escapeHtml(value('note'))}</textarea>`,
})}
<button type="submit">Suggest this feed</button></form>`;
}

function ownSuggestions(own: readonly SourceSuggestion[]): string {
  if (own.length === 0) return '';
  const items = own
    .map(
      (suggestion) =>
        `<li><code>${escapeHtml(suggestion.url)}</code><br><span class="hint">${escapeHtml(kindLabels[suggestion.kind])} · suggested ${timeOf(suggestion.suggestedAt)} · <strong>${escapeHtml(statusLabels[suggestion.status])}</strong></span></li>`,
    )
    .join('');
  return `<h2>Your suggestions</h2><ul>${items}</ul>`;
}

function approveForm(
  csrf: string,
  pending: PendingSuggestionView,
  corrected: SourcesAdminView['approveForm'],
): string {
  const { suggestion } = pending;
  const id = suggestion.id;
  const mine = corrected?.suggestionId === id ? corrected : null;
  const value = (name: string, fallback: string) => mine?.values[name] ?? fallback;
  const error = (name: string) => mine?.errors[name];
  return `<section aria-labelledby="${id}-title"><h3 id="${id}-title"><code>${escapeHtml(suggestion.url)}</code></h3>
<p class="hint">${escapeHtml(kindLabels[suggestion.kind])}${suggestion.organization ? ` · ${escapeHtml(suggestion.organization)}` : ''} · suggested ${timeOf(suggestion.suggestedAt)} by ${escapeHtml(pending.suggestedByEmail ?? 'a removed account')}</p>
${suggestion.note ? `<blockquote>${escapeHtml(suggestion.note)}</blockquote>` : ''}
<form method="post" action="/sources/suggestions/${id}/approve">${csrfField(csrf)}
${field({
  id: `${id}-kind`,
  name: 'kind',
  label: approveFieldLabels.kind ?? 'kind',
  value: value('kind', suggestion.kind),
  error: error('kind'),
  control: kindSelect(value('kind', suggestion.kind)),
})}
${field({
  id: `${id}-organization`,
  name: 'organization',
  label: approveFieldLabels.organization ?? 'organization',
  value: value('organization', suggestion.organization ?? ''),
  error: error('organization'),
  control: textInput('text', value('organization', suggestion.organization ?? ''), ' maxlength="200"'),
})}
${field({
  id: `${id}-refresh`,
  name: 'refreshMinutes',
  label: approveFieldLabels.refreshMinutes ?? 'refreshMinutes',
  value: value('refreshMinutes', '60'),
  error: error('refreshMinutes'),
  hint: 'From 15 minutes to a week (10080).',
  control: textInput(
    'number',
    value('refreshMinutes', '60'),
    ' min="15" max="10080" step="1" inputmode="numeric"',
  ),
})}
${field({
  id: `${id}-tags`,
  name: 'defaultTags',
  label: approveFieldLabels.defaultTags ?? 'defaultTags',
  value: value('defaultTags', ''),
  error: error('defaultTags'),
  hint: 'Optional: lower-case words with dashes, separated by commas, e.g. cloud, berlin.',
  control: textInput('text', value('defaultTags', '')),
})}
<button type="submit">Approve<span class="visually-hidden"> ${escapeHtml(suggestion.url)}</span></button></form>
<form method="post" action="/sources/suggestions/${id}/reject">${csrfField(csrf)}<button type="submit" class="secondary">Reject<span class="visually-hidden"> ${escapeHtml(suggestion.url)}</span></button></form>
</section>`;
}

function healthRow(source: Source): string {
  const health = source.health;
  const error = health.lastError
    ? `<span class="problem">${escapeHtml(health.lastError)}</span><br><span class="hint">${health.consecutiveFailures} failed fetch${health.consecutiveFailures === 1 ? '' : 'es'} in a row</span>`
    : 'none';
  return `<tr><th scope="row">${escapeHtml(source.organization ?? kindLabels[source.kind])}<br><code>${escapeHtml(source.url)}</code><br><span class="hint">${escapeHtml(kindLabels[source.kind])} · format ${escapeHtml(health.lastFormat ?? 'not known yet')}</span></th>
<td>${timeOf(health.lastFetchAt)}</td><td>${timeOf(health.lastSuccessAt)}</td><td>${error}</td><td>${health.lastEventCount}</td><td>${timeOf(health.nextFetchAt)}</td></tr>`;
}

function healthTable(sources: readonly Source[]): string {
  if (sources.length === 0) return '<h2>Sources</h2><p>No sources yet: approve a suggestion above.</p>';
  // Six columns do not fit a phone: the table scrolls sideways in a region one can focus and scroll by keyboard.
  return `<h2 id="sources-title">Sources (${sources.length})</h2>
<div role="region" aria-labelledby="sources-title" tabindex="0" style="overflow-x:auto">
<table><thead><tr><th scope="col">Source</th><th scope="col">Last fetch</th><th scope="col">Last success</th><th scope="col">Last error</th><th scope="col">Events</th><th scope="col">Next fetch</th></tr></thead>
<tbody>${[...sources]
    .sort((a, b) => (a.organization ?? a.url).localeCompare(b.organization ?? b.url))
    .map(healthRow)
    .join('\n')}</tbody></table></div>`;
}

function recentDecisions(decided: readonly SourceSuggestion[]): string {
  if (decided.length === 0) return '';
  return `<h2>Recent decisions</h2><ul>${decided
    .map(
      (suggestion) =>
        `<li><code>${escapeHtml(suggestion.url)}</code>: ${suggestion.status === 'approved' ? 'approved' : 'rejected'} ${timeOf(suggestion.decidedAt)}</li>`,
    )
    .join('')}</ul>`;
}

function adminSections(csrf: string, admin: SourcesAdminView): string {
  const pending =
    admin.pending.length === 0
      ? '<p>No suggestions are waiting.</p>'
      : admin.pending.map((one) => approveForm(csrf, one, admin.approveForm)).join('\n');
  return `<h2>Waiting for approval (${admin.pending.length})</h2>
<p>Approving makes the feed a source; Trellis fetches it within minutes and then on its schedule.</p>
${pending}
${healthTable(admin.sources)}
${recentDecisions(admin.recentlyDecided)}`;
}

export function renderSourcesPage(view: SourcesPageView): string {
  return renderPage(
    'Sources',
    `${suggestForm(view.csrf, view.suggestForm)}
${ownSuggestions(view.own)}
${view.admin ? adminSections(view.csrf, view.admin) : ''}`,
    { nav: view.nav, status: view.status, problems: view.problems },
  );
}

/** The page a signed-in visitor without the admin role gets for an admin action. */
export function renderAdminsOnly(nav: PageNav): string {
  return renderPage(
    'Only admins can do this',
    '<p>Approving and rejecting suggested feeds needs the admin role, so nothing was changed. <a href="/sources">Back to sources</a>.</p>',
    { nav },
  );
}
