import { DateTime } from 'luxon';
import {
  type Contact,
  cadenceText,
  defaultCadences,
  type Relationship,
  relationships,
} from '../contacts/contact.ts';
import {
  type ContactDue,
  contactsInDueOrder,
  dueSentence,
  dueStateOf,
} from '../contacts/contact-due-state.ts';
import { TOPICS } from '../topics/topic-vocabulary.ts';
import {
  blankContactForm,
  type ContactFormErrors,
  type ContactFormField,
  type ContactFormValues,
  contactFormLabels,
  contactFormProblems,
} from './contact-form.ts';
import { escapeHtml } from './escape-html.ts';
import { csrfField, type PageNav, renderPage } from './page-layout.ts';

/*
 * The contacts pages: the list (most overdue first, with "we talked" and "snooze" buttons and the
 * add form below it) and one contact's edit page with its remove form. Plain forms, no scripts.
 */

export const relationshipLabels: Record<Relationship, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  peer: 'Peer',
  sponsor: 'Sponsor',
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
export function dateText(date: string): string {
  const day = DateTime.fromISO(date, { zone: 'utc', locale: 'en-GB' });
  return day.isValid ? day.toFormat('ccc d LLL yyyy') : date;
}

const timeTag = (date: string) => `<time datetime="${escapeHtml(date)}">${escapeHtml(dateText(date))}</time>`;

/** The due line: the words first (colour is never the only sign), then the date. */
function dueHtml(due: ContactDue): string {
  switch (due.state) {
    case 'paused':
      return `<strong>${escapeHtml(dueSentence(due))}</strong>`;
    case 'snoozed':
      return `<strong>Snoozed until ${timeTag(due.dueOn)}</strong>`;
    default:
      return `<strong${due.state === 'upcoming' ? '' : ' class="problem"'}>${escapeHtml(dueSentence(due))}</strong> · next due ${timeTag(due.dueOn)}`;
  }
}

function contactItem(contact: Contact, today: string, csrf: string): string {
  const due = dueStateOf(contact, today);
  const name = escapeHtml(contact.name);
  const id = encodeURIComponent(contact.id);
  const who = [relationshipLabels[contact.relationship], contact.organization]
    .filter((part): part is string => Boolean(part))
    .map(escapeHtml)
    .join(' · ');
  const talked = contact.lastContactedOn
    ? `last talked ${timeTag(contact.lastContactedOn)}`
    : `no talk logged yet (added ${timeTag(contact.addedOn)})`;
  const topics = TOPICS.filter((topic) => contact.topics.includes(topic.id)).map((topic) => topic.label);
  return `<li>
<h3><a href="/contacts/${id}">${name}</a></h3>
<p>${dueHtml(due)}</p>
<p class="hint">${who} · ${escapeHtml(cadenceText(contact.cadence))} · ${talked}</p>
${topics.length > 0 ? `<p class="hint">Talk about: ${escapeHtml(topics.join(', '))}</p>` : ''}<div class="row">
<form method="post" action="/contacts/${id}/talked">${csrfField(csrf)}<button type="submit">We talked today<span class="visually-hidden"> with ${name}</span></button></form>
<form method="post" action="/contacts/${id}/snooze">${csrfField(csrf)}<button type="submit" class="secondary">Snooze a week<span class="visually-hidden">: ${name}</span></button></form>
<a href="/contacts/${id}" style="align-self:center;margin-top:.4rem">Edit<span class="visually-hidden"> ${name}</span></a>
</div></li>`;
}

// --- the form -----------------------------------------------------------------------------------

const errorId = (field: ContactFormField) => `${field}-error`;

function fieldProblem(field: ContactFormField, errors: ContactFormErrors): string {
  const message = errors[field];
  return message
    ? `<p id="${errorId(field)}" class="problem">${escapeHtml(`${contactFormLabels[field]}: ${message}`)}</p>`
    : '';
}

/** aria-invalid and aria-describedby (hint, then problem) for one input. */
function described(field: ContactFormField, errors: ContactFormErrors, hintId?: string): string {
  const ids = [hintId, errors[field] ? errorId(field) : undefined].filter(Boolean);
  return `${errors[field] ? ' aria-invalid="true"' : ''}${ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : ''}`;
}

const selected = (on: boolean) => (on ? ' selected' : '');
const checked = (on: boolean) => (on ? ' checked' : '');

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

export function renderContactForm(options: ContactFormOptions): string {
  const { values, errors } = options;
  const relationshipOptions = relationships
    .map(
      (relationship) =>
        `<option value="${relationship}"${selected(values.relationship === relationship)}>${relationshipLabels[relationship]}</option>`,
    )
    .join('');
  const topicBoxes = TOPICS.map(
    (topic) =>
      `<label for="topic-${topic.id}"><input type="checkbox" id="topic-${topic.id}" name="topics" value="${topic.id}"${checked(values.topics.includes(topic.id))}> ${escapeHtml(topic.label)}</label>`,
  ).join('');
  const unitOptions = (['weeks', 'days'] as const)
    .map((unit) => `<option value="${unit}"${selected(values.unit === unit)}>${unit}</option>`)
    .join('');
  const cadenceHint = options.isNew
    ? defaultCadenceHint()
    : 'Reminders come this long after you last talked.';
  const lastTalkedHint = options.isNew
    ? 'Leave empty if you have not talked yet: reminders then count from today.'
    : 'A new date starts a new round and ends a snooze.';
  return `<form method="post" action="${escapeHtml(options.action)}" novalidate>${csrfField(options.csrf)}
<label for="name">Name</label>
<input type="text" id="name" name="name" required maxlength="120" autocomplete="off" value="${escapeHtml(values.name)}"${described('name', errors)}>
${fieldProblem('name', errors)}
<label for="relationship">Relationship</label>
<select id="relationship" name="relationship"${described('relationship', errors)}>${relationshipOptions}</select>
${fieldProblem('relationship', errors)}
<label for="email">Email (optional)</label>
<input type="email" id="email" name="email" maxlength="254" autocomplete="off" value="${escapeHtml(values.email)}"${described('email', errors)}>
${fieldProblem('email', errors)}
<label for="organization">Organization (optional)</label>
<input type="text" id="organization" name="organization" maxlength="120" autocomplete="off" value="${escapeHtml(values.organization)}"${described('organization', errors)}>
${fieldProblem('organization', errors)}
<fieldset><legend>How often to be in touch</legend>
<p id="cadence-hint" class="hint">${escapeHtml(cadenceHint)}</p>
<label for="every">Every</label>
<input type="number" id="every" name="every" min="1" max="365" step="1" inputmode="numeric"${options.isNew ? '' : ' required'} value="${escapeHtml(values.every)}"${described('every', errors, 'cadence-hint')}>
${fieldProblem('every', errors)}
<label for="unit">Days or weeks</label>
<select id="unit" name="unit"${described('unit', errors)}>${unitOptions}</select>
${fieldProblem('unit', errors)}
</fieldset>
<label for="lastTalkedOn">Last talked on (optional)</label>
<p id="lastTalkedOn-hint" class="hint">${escapeHtml(lastTalkedHint)}</p>
<input type="date" id="lastTalkedOn" name="lastTalkedOn" max="${escapeHtml(options.today)}" value="${escapeHtml(values.lastTalkedOn)}"${described('lastTalkedOn', errors, 'lastTalkedOn-hint')}>
${fieldProblem('lastTalkedOn', errors)}
<fieldset aria-describedby="topics-hint${errors.topics ? ` ${errorId('topics')}` : ''}"><legend>Topics to talk about (optional)</legend>
<p id="topics-hint" class="hint">Events on these topics are suggested in your reminders about this person.</p>
${fieldProblem('topics', errors)}<div class="columns">${topicBoxes}</div>
</fieldset>
<label for="notes">Notes (optional)</label>
<textarea id="notes" name="notes" rows="4" maxlength="2000"${described('notes', errors)}>${escapeHtml(values.notes)}</textarea>
${fieldProblem('notes', errors)}
<fieldset><legend>Reminders</legend>
<label for="paused"><input type="checkbox" id="paused" name="paused" value="on"${checked(values.paused)}${described('paused', errors)}> Pause reminders about this person</label>
${fieldProblem('paused', errors)}
</fieldset>
<button type="submit">${escapeHtml(options.submit)}</button>
</form>`;
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
  const list =
    view.contacts.length === 0
      ? `<p>You have no contacts yet. Who would you like to stay in touch with? <a href="#add">Add your first mentor</a>: Trellis reminds you when it is time to reconnect and suggests events to talk about.</p>`
      : `<h2>Your contacts, most overdue first</h2><ul class="contacts">${contactsInDueOrder(view.contacts)
          .map((contact) => contactItem(contact, view.today, view.csrf))
          .join('\n')}</ul>`;
  return renderPage(
    'Contacts',
    `${list}
<h2 id="add">Add a contact</h2>
${renderContactForm({
  action: '/contacts',
  submit: 'Add contact',
  values: view.form ?? blankContactForm,
  errors,
  csrf: view.csrf,
  today: view.today,
  isNew: true,
})}`,
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
  const name = escapeHtml(view.contact.name);
  const due = dueStateOf(view.contact, view.today);
  return renderPage(
    `Edit ${view.contact.name}`,
    `<p><a href="/contacts">Back to your contacts</a></p>
<p>${dueHtml(due)}</p>
${renderContactForm({
  action: `/contacts/${id}`,
  submit: 'Save changes',
  values: view.values,
  errors,
  csrf: view.csrf,
  today: view.today,
  isNew: false,
})}
<h2>Remove</h2>
<p>Removes ${name} and every reminder about them from Trellis. This cannot be undone.</p>
<form method="post" action="/contacts/${id}/remove">${csrfField(view.csrf)}<button type="submit" class="secondary">Remove ${name} from my contacts</button></form>`,
    { nav: view.nav, problems: contactFormProblems(errors) },
  );
}

/** Another user's contact, or one that is gone: the same answer, so nobody learns which. */
export function renderContactNotFoundPage(nav: PageNav): string {
  return renderPage(
    'No such contact',
    '<p>This contact does not exist, or it was removed. <a href="/contacts">Back to your contacts</a>.</p>',
    { nav },
  );
}

export function renderContactChangedPage(nav: PageNav, id: string): string {
  return renderPage(
    'This contact changed meanwhile',
    `<p>Someone (perhaps you, in another tab or from a reminder email) changed this contact while you were looking at it, so nothing was saved. <a href="/contacts/${encodeURIComponent(id)}">Open it again</a> and repeat the change.</p>`,
    { nav },
  );
}
