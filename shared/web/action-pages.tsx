import type { ComponentChildren } from 'preact';
import type { Cadence } from '../contacts/contact.ts';
import { formatEventTime } from '../digest/format-event-time.ts';
import type { ContactLinkResult } from '../reminders/apply-contact-link.ts';
import type { LinkAction } from '../security/signed-links.ts';
import type { LinkActionResult } from '../users/apply-link-action.ts';
import { type PageNav, renderPageDocument } from './components/page-shell.tsx';

/**
 * The pages behind the one-click links in mails, in the shared shell: with the navigation when the
 * browser has a session (a link works without one: mail clients follow it with no cookie).
 */
const shellPage = (title: string, body: ComponentChildren, nav?: PageNav) =>
  renderPageDocument(title, body, nav ? { nav } : {});

const questions: Record<LinkAction, { title: string; text: string; button: string }> = {
  unsubscribe: {
    title: 'Unsubscribe from the weekly digest?',
    text: 'You will get no more weekly digests from Trellis. You can subscribe again from your preferences.',
    button: 'Unsubscribe',
  },
  'not-interested': {
    title: 'Not interested in this event?',
    text: 'It will not appear in your digests again, and similar events will rank lower.',
    button: 'Not interested',
  },
  talked: {
    title: 'Did you talk?',
    text: 'Trellis logs today as the day you last talked, and the next reminder comes one cadence from now.',
    button: 'We talked',
  },
  snooze: {
    title: 'Snooze this reminder for a week?',
    text: 'No reminder about this contact for the next seven days.',
    button: 'Snooze a week',
  },
  cadence: {
    title: 'How often do you want to be in touch?',
    text: 'Reminders follow the new cadence, counted from the last time you talked.',
    button: 'Change cadence',
  },
  save: {
    title: 'Add this event to your calendar?',
    text: 'Trellis saves it for you and emails you a calendar invitation; if the organizer moves or cancels it, an update follows.',
    button: 'Add to my calendar',
  },
};

/** Lines of one paragraph, each on its own line. */
function Lines(props: { readonly lines: readonly string[] }) {
  return (
    <>
      {props.lines.map((line, index) => (
        <>
          {index > 0 ? <br /> : null}
          {line}
        </>
      ))}
    </>
  );
}

/**
 * What a GET of a one-click link shows: a question and a button. Only the POST changes anything, so
 * a mail scanner that follows every link changes nothing; the form posts back to the same URL.
 */
export function renderActionConfirmation(
  action: LinkAction,
  subjectTitle: string | null,
  options: {
    readonly cadence?: Cadence;
    readonly problems?: readonly string[];
    readonly nav?: PageNav;
  } = {},
): string {
  const question = questions[action];
  return shellPage(
    question.title,
    <>
      {subjectTitle ? (
        <p>
          <strong>{subjectTitle}</strong>
        </p>
      ) : null}
      <p>{question.text}</p>
      {options.problems?.length ? (
        <p role="alert">
          <Lines lines={options.problems} />
        </p>
      ) : null}
      <form method="post">
        {action === 'cadence' ? (
          <CadenceFields cadence={options.cadence ?? { every: 6, unit: 'weeks' }} />
        ) : null}
        <button type="submit">{question.button}</button>
      </form>
    </>,
    options.nav,
  );
}

function CadenceFields(props: { readonly cadence: Cadence }) {
  const { cadence } = props;
  return (
    <p>
      <label for="every">Every</label>{' '}
      <input
        id="every"
        name="every"
        type="number"
        min="1"
        max="365"
        required
        value={String(cadence.every)}
        style="width:6em"
      />{' '}
      <label for="unit" class="visually-hidden">
        Unit
      </label>
      <select id="unit" name="unit" style="width:auto">
        {(['weeks', 'days'] as const).map((unit) => (
          <option value={unit} selected={cadence.unit === unit}>
            {unit}
          </option>
        ))}
      </select>
    </p>
  );
}

/** The outcome of a contact link's POST. */
export function renderContactActionDone(result: ContactLinkResult, nav?: PageNav): string {
  const page = (title: string, body: ComponentChildren) => shellPage(title, body, nav);
  switch (result.outcome) {
    case 'talked':
      return page(
        'Logged',
        <p>
          You talked with <strong>{result.contactName}</strong> today. Next reminder: {result.nextDue}.
        </p>,
      );
    case 'snoozed':
      return page(
        'Snoozed',
        <p>
          No reminder about <strong>{result.contactName}</strong> before {result.until}.
        </p>,
      );
    case 'cadence-changed':
      return page(
        'Cadence changed',
        <p>
          You will be reminded about <strong>{result.contactName}</strong> {result.cadence}; next:{' '}
          {result.nextDue}.
        </p>,
      );
    case 'already-used':
      return page(
        'This link was already used',
        <p>Each link in a reminder works once. Nothing was changed.</p>,
      );
    case 'invalid-form':
      return page(
        'Please check the form',
        <p>
          <Lines lines={result.problems} />
        </p>,
      );
    case 'gone':
      return page('Nothing to do', <p>This link is about a contact that no longer exists.</p>);
  }
}

export function renderActionDone(result: LinkActionResult, nav?: PageNav): string {
  const page = (title: string, body: ComponentChildren) => shellPage(title, body, nav);
  switch (result.outcome) {
    case 'unsubscribed':
      return page('You are unsubscribed', <p>{result.email} will get no more weekly digests.</p>);
    case 'not-interested':
      return page(
        'Noted',
        <p>
          You will not see <strong>{result.eventTitle}</strong> again.
        </p>,
      );
    case 'saved':
      return page(
        'Saved',
        <>
          <p>
            <strong>{result.eventTitle}</strong> is saved.{' '}
            {result.invited
              ? 'The invitation is on its way to your inbox.'
              : 'It is in your Trellis calendar feed; no invitation was emailed (see your preferences).'}
          </p>
          <p>
            {formatEventTime(result, result.timeZone)}
            {result.location ? ` · ${result.location}` : result.online ? ' · online' : ''}
          </p>
          <p>
            <a href={`/events/${encodeURIComponent(result.eventId)}`}>The event’s page</a> ·{' '}
            <a href="/calendar">Your calendar</a> · <a href="/events">More events</a>
          </p>
        </>,
      );
    case 'gone':
      return page('Nothing to do', <p>This link is about something that no longer exists.</p>);
  }
}

export function renderLinkProblem(message: string, nav?: PageNav): string {
  return shellPage('This link does not work', <p>{message}.</p>, nav);
}
