import type { LinkAction } from '../security/signed-links.ts';
import type { LinkActionResult } from '../users/apply-link-action.ts';
import { escapeHtml } from './escape-html.ts';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><meta name="robots" content="noindex">
<title>${escapeHtml(title)} · Trellis</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.6rem 1.2rem;border-radius:.4rem;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}button:focus{outline:3px solid #f59e0b;outline-offset:2px}</style>
</head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

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
  save: {
    title: 'Add this event to your calendar?',
    text: 'Trellis saves it for you and emails you a calendar invitation; if the organizer moves or cancels it, an update follows.',
    button: 'Add to my calendar',
  },
};

/**
 * What a GET of a one-click link shows: a question and a button. Only the POST changes anything, so
 * a mail scanner that follows every link changes nothing; the form posts back to the same URL.
 */
export function renderActionConfirmation(action: LinkAction, eventTitle: string | null): string {
  const question = questions[action];
  const about = eventTitle ? `<p><strong>${escapeHtml(eventTitle)}</strong></p>` : '';
  return page(
    question.title,
    `${about}<p>${escapeHtml(question.text)}</p><form method="post"><button type="submit">${escapeHtml(question.button)}</button></form>`,
  );
}

export function renderActionDone(result: LinkActionResult): string {
  switch (result.outcome) {
    case 'unsubscribed':
      return page(
        'You are unsubscribed',
        `<p>${escapeHtml(result.email)} will get no more weekly digests.</p>`,
      );
    case 'not-interested':
      return page(
        'Noted',
        `<p>You will not see <strong>${escapeHtml(result.eventTitle)}</strong> again.</p>`,
      );
    case 'saved':
      return page(
        'Saved',
        `<p><strong>${escapeHtml(result.eventTitle)}</strong> is saved. ${
          result.invited
            ? 'The invitation is on its way to your inbox.'
            : 'It is in your Trellis calendar feed; no invitation was emailed (see your preferences).'
        }</p>`,
      );
    case 'gone':
      return page('Nothing to do', '<p>This link is about something that no longer exists.</p>');
  }
}

export function renderLinkProblem(message: string): string {
  return page('This link does not work', `<p>${escapeHtml(message)}.</p>`);
}
