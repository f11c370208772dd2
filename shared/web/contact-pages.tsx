import type { ComponentChildren } from 'preact';
import {
  type Contact,
  cadenceText,
  defaultCadences,
  mentorStageLabels,
  mentorStages,
  type Relationship,
  relationships,
} from '../contacts/contact.ts';
import {
  type ContactDue,
  contactsInDueOrder,
  dueSentence,
  dueStateOf,
} from '../contacts/contact-due-state.ts';
import { dateText } from '../time/date-text.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import { FieldHint, FieldProblem, FormField } from './components/form-field.tsx';
import { type PageNav, PostForm, renderPageDocument } from './components/page-shell.tsx';
import { renderFragment } from './components/render.ts';
import {
  blankContactForm,
  type ContactFormErrors,
  type ContactFormField,
  type ContactFormValues,
  contactFormLabels,
  contactFormProblems,
} from './contact-form.ts';

/*
 * The contacts pages: the list (most overdue first, with "we talked" and "snooze" buttons and the
 * add form below it) and one contact's edit page with its remove form. Plain forms, no scripts.
 */

export const relationshipLabels: Record<Relationship, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  peer: 'Peer',
  sponsor: 'Sponsor',
  'potential-mentor': 'Potential mentor',
  other: 'Other',
};

/** What the list says after a Post/Redirect/Get (`/contacts?done=…`). */
export const doneMessages = {
  added: 'Contact added.',
  saved: 'Changes saved.',
  talked: 'Logged: you talked today. The next due date starts again from today.',
  snoozed: 'Snoozed: no reminder before the date shown.',
  removed: 'Contact removed.',
} as const;
export type ContactsDone = keyof typeof doneMessages;

export const isContactsDone = (value: string | undefined): value is ContactsDone =>
  value !== undefined && Object.hasOwn(doneMessages, value);

/** "Tue 12 May 2026": a local calendar date as people read it. */
export { dateText };

function Time(props: { readonly date: string }) {
  return <time dateTime={props.date}>{dateText(props.date)}</time>;
}

/** The due line: the words first (colour is never the only sign), then the date. */
function Due(props: { readonly due: ContactDue }) {
  const { due } = props;
  switch (due.state) {
    case 'paused':
      return <strong>{dueSentence(due)}</strong>;
    case 'snoozed':
      return (
        <strong>
          Snoozed until <Time date={due.dueOn} />
        </strong>
      );
    default:
      return (
        <>
          <strong class={due.state === 'upcoming' ? undefined : 'problem'}>{dueSentence(due)}</strong>
          {' · next due '}
          <Time date={due.dueOn} />
        </>
      );
  }
}

function ContactItem(props: { readonly contact: Contact; readonly today: string; readonly csrf: string }) {
  const { contact, csrf } = props;
  const id = encodeURIComponent(contact.id);
  const who = [
    relationshipLabels[contact.relationship],
    contact.stage ? mentorStageLabels[contact.stage] : null,
    contact.organization,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ');
  const topics = TOPICS.filter((topic) => contact.topics.includes(topic.id)).map((topic) => topic.label);
  return (
    <li>
      <h3>
        <a href={`/contacts/${id}`}>{contact.name}</a>
      </h3>
      <p>
        <Due due={dueStateOf(contact, props.today)} />
      </p>
      <p class="hint">
        {who} · {cadenceText(contact.cadence)} ·{' '}
        {contact.lastContactedOn ? (
          <>
            last talked <Time date={contact.lastContactedOn} />
          </>
        ) : (
          <>
            no talk logged yet (added <Time date={contact.addedOn} />)
          </>
        )}
      </p>
      {topics.length > 0 ? <p class="hint">Talk about: {topics.join(', ')}</p> : null}
      {contact.notes.trim() !== '' ? <p class="hint notes">Notes: {contact.notes}</p> : null}
      <div class="row">
        <PostForm action={`/contacts/${id}/talked`} csrf={csrf}>
          <button type="submit">
            We talked today<span class="visually-hidden"> with {contact.name}</span>
          </button>
        </PostForm>
        <PostForm action={`/contacts/${id}/snooze`} csrf={csrf}>
          <button type="submit" class="secondary">
            Snooze a week<span class="visually-hidden">: {contact.name}</span>
          </button>
        </PostForm>
        {contact.email ? (
          <a href={`mailto:${contact.email}`} style="align-self:center;margin-top:.4rem">
            Write to {contact.name}
          </a>
        ) : null}
        <a href={`/contacts/${id}`} style="align-self:center;margin-top:.4rem">
          Edit<span class="visually-hidden"> {contact.name}</span>
        </a>
      </div>
    </li>
  );
}

// --- the form -----------------------------------------------------------------------------------

const errorId = (field: ContactFormField) => `${field}-error`;

/** The problem with one field, as the problems list words it ("Name: is required"). */
const problemOf = (field: ContactFormField, errors: ContactFormErrors) => {
  const message = errors[field];
  return message ? `${contactFormLabels[field]}: ${message}` : null;
};

function defaultCadenceHint(): string {
  const parts = relationships.map(
    (relationship) =>
      `${relationshipLabels[relationship].toLowerCase()}s ${cadenceText(defaultCadences[relationship])}`,
  );
  return `Leave “Every” empty for the usual: ${parts.join(', ')}.`;
}

interface ContactFormOptions {
  readonly action: string;
  readonly submit: string;
  readonly values: ContactFormValues;
  readonly errors: ContactFormErrors;
  readonly csrf: string;
  readonly today: string;
  /** The add form: an empty "every" means the relationship's default. */
  readonly isNew: boolean;
}

/** One contact field: label, control, then its problem, tied together by aria-describedby. */
function ContactField(props: {
  readonly field: ContactFormField;
  readonly label: ComponentChildren;
  readonly errors: ContactFormErrors;
  readonly hint?: string;
  readonly alsoDescribedBy?: string;
  readonly children: Parameters<typeof FormField>[0]['children'];
}) {
  return (
    <FormField
      id={props.field}
      label={props.label}
      hint={props.hint}
      problem={problemOf(props.field, props.errors)}
      problemId={errorId(props.field)}
      alsoDescribedBy={props.alsoDescribedBy}
      problemAfterControl
    >
      {props.children}
    </FormField>
  );
}

function ContactForm(props: ContactFormOptions) {
  const { values, errors } = props;
  return (
    <PostForm action={props.action} csrf={props.csrf} noValidate>
      <ContactField field="name" label="Name" errors={errors}>
        {(control) => (
          <input type="text" required maxLength={120} autoComplete="off" value={values.name} {...control} />
        )}
      </ContactField>
      <ContactField field="relationship" label="Relationship" errors={errors}>
        {(control) => (
          <select {...control}>
            {relationships.map((relationship) => (
              <option value={relationship} selected={values.relationship === relationship}>
                {relationshipLabels[relationship]}
              </option>
            ))}
          </select>
        )}
      </ContactField>
      {values.relationship === 'potential-mentor' && !props.isNew ? (
        <ContactField
          field="stage"
          label="Stage"
          hint="Where you stand with them; “Not a fit” pauses their reminders."
          errors={errors}
        >
          {(control) => (
            <select {...control}>
              {mentorStages.map((stage) => (
                <option value={stage} selected={values.stage === stage}>
                  {mentorStageLabels[stage]}
                </option>
              ))}
            </select>
          )}
        </ContactField>
      ) : null}
      <ContactField field="email" label="Email (optional)" errors={errors}>
        {(control) => (
          <input type="email" maxLength={254} autoComplete="off" value={values.email} {...control} />
        )}
      </ContactField>
      <ContactField field="organization" label="Organization (optional)" errors={errors}>
        {(control) => (
          <input type="text" maxLength={120} autoComplete="off" value={values.organization} {...control} />
        )}
      </ContactField>
      <fieldset>
        <legend>How often to be in touch</legend>
        <FieldHint id="cadence-hint">
          {props.isNew ? defaultCadenceHint() : 'Reminders come this long after you last talked.'}
        </FieldHint>
        <ContactField field="every" label="Every" errors={errors} alsoDescribedBy="cadence-hint">
          {(control) => (
            <input
              type="number"
              min="1"
              max="365"
              step="1"
              inputMode="numeric"
              required={!props.isNew}
              value={values.every}
              {...control}
            />
          )}
        </ContactField>
        <ContactField field="unit" label="Days or weeks" errors={errors}>
          {(control) => (
            <select {...control}>
              {(['weeks', 'days'] as const).map((unit) => (
                <option value={unit} selected={values.unit === unit}>
                  {unit}
                </option>
              ))}
            </select>
          )}
        </ContactField>
      </fieldset>
      <ContactField
        field="lastTalkedOn"
        label="Last talked on (optional)"
        errors={errors}
        hint={
          props.isNew
            ? 'Leave empty if you have not talked yet: reminders then count from today.'
            : 'A new date starts a new round and ends a snooze.'
        }
      >
        {(control) => <input type="date" max={props.today} value={values.lastTalkedOn} {...control} />}
      </ContactField>
      <fieldset aria-describedby={errors.topics ? `topics-hint ${errorId('topics')}` : 'topics-hint'}>
        <legend>Topics to talk about (optional)</legend>
        <FieldHint id="topics-hint">
          Events on these topics are suggested in your reminders about this person.
        </FieldHint>
        <FieldProblem id={errorId('topics')} message={problemOf('topics', errors)} />
        <div class="columns">
          {TOPICS.map((topic) => (
            <label for={`topic-${topic.id}`}>
              <input
                type="checkbox"
                id={`topic-${topic.id}`}
                name="topics"
                value={topic.id}
                checked={values.topics.includes(topic.id)}
              />{' '}
              {topic.label}
            </label>
          ))}
        </div>
      </fieldset>
      <ContactField field="notes" label="Notes (optional)" errors={errors}>
        {(control) => <textarea rows={4} maxLength={2000} value={values.notes} {...control} />}
      </ContactField>
      <fieldset>
        <legend>Reminders</legend>
        <label for="paused">
          <input
            type="checkbox"
            id="paused"
            name="paused"
            value="on"
            checked={values.paused}
            aria-invalid={errors.paused ? 'true' : undefined}
            aria-describedby={errors.paused ? errorId('paused') : undefined}
          />{' '}
          Pause reminders about this person
        </label>
        <FieldProblem id={errorId('paused')} message={problemOf('paused', errors)} />
      </fieldset>
      <button type="submit">{props.submit}</button>
    </PostForm>
  );
}

/** The add or edit form of a contact, as markup. */
export function renderContactForm(options: ContactFormOptions): string {
  return renderFragment(<ContactForm {...options} />);
}

// --- pages --------------------------------------------------------------------------------------

export interface ContactsPageView {
  readonly contacts: readonly Contact[];
  readonly today: string;
  readonly csrf: string;
  readonly nav: PageNav;
  readonly status?: string | null;
  /** The add form as sent, when it had problems. */
  readonly form?: ContactFormValues;
  readonly errors?: ContactFormErrors;
  /** Problems of something other than the add form (a bad snooze). */
  readonly problems?: readonly string[];
}

export function renderContactsPage(view: ContactsPageView): string {
  const errors = view.errors ?? {};
  return renderPageDocument(
    'Contacts',
    <>
      {view.contacts.length === 0 ? (
        <p>
          You have no contacts yet. Who would you like to stay in touch with?{' '}
          <a href="#add">Add your first mentor</a>: Trellis reminds you when it is time to reconnect and
          suggests events to talk about.
        </p>
      ) : (
        <>
          <h2>Your contacts, most overdue first</h2>
          <ul class="contacts">
            {contactsInDueOrder(view.contacts).map((contact) => (
              <ContactItem key={contact.id} contact={contact} today={view.today} csrf={view.csrf} />
            ))}
          </ul>
        </>
      )}
      <h2 id="add">Add a contact</h2>
      <ContactForm
        action="/contacts"
        submit="Add contact"
        values={view.form ?? blankContactForm}
        errors={errors}
        csrf={view.csrf}
        today={view.today}
        isNew
      />
    </>,
    {
      nav: view.nav,
      status: view.status ?? null,
      problems: [...(view.problems ?? []), ...contactFormProblems(errors)],
    },
  );
}

export interface ContactEditView {
  readonly contact: Contact;
  readonly values: ContactFormValues;
  readonly errors?: ContactFormErrors;
  readonly today: string;
  readonly csrf: string;
  readonly nav: PageNav;
}

export function renderContactEditPage(view: ContactEditView): string {
  const errors = view.errors ?? {};
  const id = encodeURIComponent(view.contact.id);
  const { name } = view.contact;
  return renderPageDocument(
    `Edit ${name}`,
    <>
      <p>
        <a href="/contacts">Back to your contacts</a>
      </p>
      <p>
        <Due due={dueStateOf(view.contact, view.today)} />
      </p>
      <ContactForm
        action={`/contacts/${id}`}
        submit="Save changes"
        values={view.values}
        errors={errors}
        csrf={view.csrf}
        today={view.today}
        isNew={false}
      />
      <h2>Remove</h2>
      <p>Removes {name} and every reminder about them from Trellis. This cannot be undone.</p>
      <PostForm action={`/contacts/${id}/remove`} csrf={view.csrf}>
        <button type="submit" class="secondary">
          Remove {name} from my contacts
        </button>
      </PostForm>
    </>,
    { nav: view.nav, problems: contactFormProblems(errors) },
  );
}

/** Another user's contact, or one that is gone: the same answer, so nobody learns which. */
export function renderContactNotFoundPage(nav: PageNav): string {
  return renderPageDocument(
    'No such contact',
    <p>
      This contact does not exist, or it was removed. <a href="/contacts">Back to your contacts</a>.
    </p>,
    { nav },
  );
}

export function renderContactChangedPage(nav: PageNav, id: string): string {
  return renderPageDocument(
    'This contact changed meanwhile',
    <p>
      Someone (perhaps you, in another tab or from a reminder email) changed this contact while you were
      looking at it, so nothing was saved. <a href={`/contacts/${encodeURIComponent(id)}`}>Open it again</a>{' '}
      and repeat the change.
    </p>,
    { nav },
  );
}
