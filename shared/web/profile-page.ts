import { type SourceKind, sourceKinds } from '../sources/source.ts';
import { resolveTimeZoneId } from '../time/zone-names.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { weekdays } from '../users/user-profile.ts';
import { escapeHtml } from './escape-html.ts';
import { csrfField, type PageNav, renderPage } from './page-layout.ts';
import type { FormProblem, ProfileFormValues } from './profile-form.ts';

/* Profile and interests: one form, no scripts, every control labelled, grouped by what it decides. */

const kindLabels: Record<SourceKind, string> = {
  'industry-event': 'Industry events and conferences',
  'professional-org': 'Professional organizations',
  'mentorship-program': 'Mentorship programs',
  'peer-group': 'Peer groups and meetups',
};

let zoneOptions: string[] | undefined;
/** Every zone by today's tz name (Intl lists some by old names, and not UTC). */
function timeZones(): string[] {
  zoneOptions ??= [
    ...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')].map((zone) => resolveTimeZoneId(zone) ?? zone)),
  ].sort();
  return zoneOptions;
}

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

interface FieldState {
  readonly invalid: ReadonlySet<string>;
}

const invalidAttrs = (state: FieldState, field: string) =>
  state.invalid.has(field) ? ` aria-invalid="true" aria-describedby="problems"` : '';

function select(
  id: string,
  label: string,
  options: readonly { value: string; text: string }[],
  selected: string,
  state: FieldState,
): string {
  const list = options
    .map(
      (option) =>
        `<option value="${escapeHtml(option.value)}"${option.value === selected ? ' selected' : ''}>${escapeHtml(option.text)}</option>`,
    )
    .join('');
  return `<label for="${id}">${label}</label><select id="${id}" name="${id}"${invalidAttrs(state, id)}>${list}</select>`;
}

function checkbox(name: string, value: string, label: string, checked: boolean, id: string): string {
  return `<label for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${escapeHtml(value)}"${checked ? ' checked' : ''}> ${escapeHtml(label)}</label>`;
}

function textArea(id: string, label: string, hint: string, value: string, state: FieldState): string {
  return `<label for="${id}">${label}</label><p class="hint" id="${id}-hint">${hint}</p><textarea id="${id}" name="${id}" rows="3" aria-describedby="${id}-hint"${state.invalid.has(id) ? ' aria-invalid="true"' : ''}>${escapeHtml(value)}</textarea>`;
}

export function renderProfilePage(
  values: ProfileFormValues,
  page: {
    readonly email: string;
    readonly nav: PageNav;
    readonly status?: string | null;
    readonly problems?: readonly FormProblem[];
  },
): string {
  const state: FieldState = { invalid: new Set((page.problems ?? []).map((problem) => problem.field)) };
  const topics = TOPICS.map((topic) =>
    checkbox('topics', topic.id, topic.label, values.topics.includes(topic.id), `topic-${topic.id}`),
  ).join('');
  const kinds = sourceKinds
    .map((kind) => checkbox('kinds', kind, kindLabels[kind], values.kinds.includes(kind), `kind-${kind}`))
    .join('');
  const hours = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), text: hourLabel(hour) }));
  const days = weekdays.map((day) => ({ value: day, text: day[0]?.toUpperCase() + day.slice(1) }));
  const zones = timeZones().includes(values.timeZone) ? timeZones() : [values.timeZone, ...timeZones()];
  const body = `<p>What Trellis looks for on your behalf, and when it writes to you (${escapeHtml(page.email)}).</p>
<form method="post" action="/profile">${csrfField(page.nav.csrf)}
<label for="name">Your name</label><input type="text" id="name" name="name" autocomplete="name" maxlength="120" value="${escapeHtml(values.name)}"${invalidAttrs(state, 'name')}>
<fieldset id="topics"${state.invalid.has('topics') ? ' aria-invalid="true"' : ''}><legend>Topics you care about</legend><div class="columns">${topics}</div></fieldset>
${textArea('keywords', 'Keywords', 'Words or phrases to look for, separated by commas: “rust, platform engineering”.', values.keywords, state)}
<fieldset><legend>Where</legend>
${textArea('places', 'Places for in-person events', 'One per line: a city (“Berlin, Germany”), or a point with a radius (“Office (52.52, 13.40, 25 km)”).', values.places, state)}
${checkbox('onlineOk', 'on', 'Online events too', values.onlineOk, 'onlineOk')}
</fieldset>
<fieldset id="kinds"${state.invalid.has('kinds') ? ' aria-invalid="true"' : ''}><legend>Kinds of events</legend>${kinds}</fieldset>
${textArea('followedOrganizations', 'Organizations you follow', 'One per line, as they name themselves. Their events rank first.', values.followedOrganizations, state)}
${textArea('mutedWords', 'Muted words', 'Events with these words never show up, separated by commas.', values.mutedWords, state)}
<fieldset><legend>Your weekly digest</legend>
${checkbox('receiveDigest', 'on', 'Email me the weekly digest', values.receiveDigest, 'receiveDigest')}
${select('digestDay', 'Day', days, values.digestDay, state)}
${select('digestHour', 'Hour', hours, values.digestHour, state)}
${checkbox('quietWeekNotes', 'on', 'Send a short note even in a week with nothing that fits', values.quietWeekNotes, 'quietWeekNotes')}
</fieldset>
<fieldset><legend>Time</legend>
${select(
  'timeZone',
  'Time zone',
  zones.map((zone) => ({ value: zone, text: zone.replaceAll('_', ' ') })),
  values.timeZone,
  state,
)}
${select('reminderHour', 'Hour for reconnect reminders', hours, values.reminderHour, state)}
</fieldset>
<button type="submit">Save</button>
</form>`;
  return renderPage('Your interests', body, {
    nav: page.nav,
    status: page.status ?? null,
    problems: page.problems?.map((problem) => problem.message) ?? [],
  });
}
