import type { ComponentChildren } from 'preact';
import { type SourceKind, sourceKinds } from '../sources/source.ts';
import { everyZoneName } from '../time/iana-zone-name.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { weekdays } from '../users/user-profile.ts';
import { type ControlAttributes, describedBy, FormField } from './components/form-field.tsx';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import type { FormProblem, ProfileFormValues } from './profile-form.ts';

/* Profile and interests: one form, no scripts, every control labelled, grouped by what it decides. */

const kindLabels: Record<SourceKind, string> = {
  'industry-event': 'Industry events and conferences',
  'professional-org': 'Professional organizations',
  'mentorship-program': 'Mentorship programs',
  'peer-group': 'Peer groups and meetups',
};

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The fields named in the problems list: marked invalid and described by that list. */
type Invalid = ReadonlySet<string>;

/** A control with no message of its own: when invalid, the problems list above the form describes it. */
const control = (id: string, invalid: Invalid): ControlAttributes => ({
  id,
  name: id,
  ...describedBy([invalid.has(id) ? 'problems' : null], invalid.has(id)),
});

function Select(props: {
  readonly id: string;
  readonly label: string;
  readonly options: readonly { value: string; text: string }[];
  readonly selected: string;
  readonly invalid: Invalid;
}) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <select {...control(props.id, props.invalid)}>
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === props.selected}>
            {option.text}
          </option>
        ))}
      </select>
    </>
  );
}

function Checkbox(props: {
  readonly name: string;
  readonly value: string;
  readonly label: string;
  readonly checked: boolean;
  readonly id: string;
}) {
  return (
    <label for={props.id}>
      <input type="checkbox" id={props.id} name={props.name} value={props.value} checked={props.checked} />{' '}
      {props.label}
    </label>
  );
}

function TextArea(props: {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly invalid: Invalid;
}) {
  return (
    <FormField id={props.id} label={props.label} hint={props.hint}>
      {(attributes) => (
        <textarea
          {...attributes}
          rows={3}
          aria-invalid={props.invalid.has(props.id) ? 'true' : undefined}
          value={props.value}
        />
      )}
    </FormField>
  );
}

function CheckboxGroup(props: {
  readonly id: string;
  readonly legend: string;
  readonly invalid: Invalid;
  readonly children: ComponentChildren;
}) {
  return (
    <fieldset id={props.id} aria-invalid={props.invalid.has(props.id) ? 'true' : undefined}>
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
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
  const invalid: Invalid = new Set((page.problems ?? []).map((problem) => problem.field));
  const hours = Array.from({ length: 24 }, (_, hour) => ({ value: String(hour), text: hourLabel(hour) }));
  const days = weekdays.map((day) => ({ value: day, text: day[0]?.toUpperCase() + day.slice(1) }));
  const zones = everyZoneName().includes(values.timeZone)
    ? everyZoneName()
    : [values.timeZone, ...everyZoneName()];
  return renderPageDocument(
    'Your interests',
    <>
      <p>What Trellis looks for on your behalf, and when it writes to you ({page.email}).</p>
      <PostForm action="/profile" csrf={page.nav.csrf}>
        <label for="name">Your name</label>
        <input
          type="text"
          {...control('name', invalid)}
          autoComplete="name"
          maxLength={120}
          value={values.name}
        />
        <CheckboxGroup id="topics" legend="Topics you care about" invalid={invalid}>
          <div class="columns">
            {TOPICS.map((topic) => (
              <Checkbox
                name="topics"
                value={topic.id}
                label={topic.label}
                checked={values.topics.includes(topic.id)}
                id={`topic-${topic.id}`}
              />
            ))}
          </div>
        </CheckboxGroup>
        <TextArea
          id="keywords"
          label="Keywords"
          hint="Words or phrases to look for, separated by commas: “rust, platform engineering”."
          value={values.keywords}
          invalid={invalid}
        />
        <fieldset>
          <legend>Where</legend>
          <TextArea
            id="places"
            label="Places for in-person events"
            hint="One per line: a city (“Berlin, Germany”), or a point with a radius (“Office (52.52, 13.40, 25 km)”)."
            value={values.places}
            invalid={invalid}
          />
          <Checkbox
            name="onlineOk"
            value="on"
            label="Online events too"
            checked={values.onlineOk}
            id="onlineOk"
          />
          <Checkbox
            name="everythingNearMe"
            value="on"
            label="Everything near my places, whatever it is about (otherwise a place only narrows your topics)"
            checked={values.everythingNearMe}
            id="everythingNearMe"
          />
          <Select
            id="wakingFrom"
            label="Online events from"
            options={hours}
            selected={values.wakingFrom}
            invalid={invalid}
          />
          <Select
            id="wakingTo"
            label="Online events until"
            options={[...hours.slice(1), { value: '24', text: hourLabel(0) }]}
            selected={values.wakingTo}
            invalid={invalid}
          />
        </fieldset>
        <CheckboxGroup id="kinds" legend="Kinds of events" invalid={invalid}>
          {sourceKinds.map((kind) => (
            <Checkbox
              name="kinds"
              value={kind}
              label={kindLabels[kind]}
              checked={values.kinds.includes(kind)}
              id={`kind-${kind}`}
            />
          ))}
        </CheckboxGroup>
        <TextArea
          id="followedOrganizations"
          label="Organizations you follow"
          hint="One per line, as they name themselves. Their events rank first."
          value={values.followedOrganizations}
          invalid={invalid}
        />
        <TextArea
          id="mutedWords"
          label="Muted words"
          hint="Events with these words never show up, separated by commas."
          value={values.mutedWords}
          invalid={invalid}
        />
        <fieldset>
          <legend>Your weekly digest</legend>
          <Checkbox
            name="receiveDigest"
            value="on"
            label="Email me the weekly digest"
            checked={values.receiveDigest}
            id="receiveDigest"
          />
          <Select id="digestDay" label="Day" options={days} selected={values.digestDay} invalid={invalid} />
          <Select
            id="digestHour"
            label="Hour"
            options={hours}
            selected={values.digestHour}
            invalid={invalid}
          />
          <Checkbox
            name="quietWeekNotes"
            value="on"
            label="Send a short note even in a week with nothing that fits"
            checked={values.quietWeekNotes}
            id="quietWeekNotes"
          />
          <Checkbox
            name="callsInCalendar"
            value="on"
            label="Put calls for speakers and registration deadlines of events that fit me in my calendar feed"
            checked={values.callsInCalendar}
            id="callsInCalendar"
          />
        </fieldset>
        <fieldset>
          <legend>Time</legend>
          <Select
            id="timeZone"
            label="Time zone"
            options={zones.map((zone) => ({ value: zone, text: zone.replaceAll('_', ' ') }))}
            selected={values.timeZone}
            invalid={invalid}
          />
          <Select
            id="reminderHour"
            label="Hour for reconnect reminders"
            options={hours}
            selected={values.reminderHour}
            invalid={invalid}
          />
        </fieldset>
        <button type="submit">Save</button>
      </PostForm>
    </>,
    {
      nav: page.nav,
      status: page.status ?? null,
      problems: page.problems?.map((problem) => problem.message) ?? [],
    },
  );
}
