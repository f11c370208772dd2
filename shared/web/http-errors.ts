import { CalendarRotationConflictError } from '../calendar/calendar-subscription.ts';
import { EventNotFoundError } from '../calendar/save-event.ts';
import { EventNotSavedError } from '../calendar/unsave-event.ts';
import {
  ContactChangedError,
  ContactDateInFutureError,
  ContactNotFoundError,
  StageNotAllowedError,
} from '../contacts/contact-errors.ts';
import { ExpiredLinkError, InvalidLinkError } from '../security/signed-links.ts';
import {
  AlreadyASourceError,
  AlreadySuggestedError,
  TooManyPendingSuggestionsError,
} from '../sources/suggest-source.ts';
import { SuggestionAlreadyDecidedError, SuggestionNotFoundError } from '../store/source-suggestion-store.ts';
import { UserChangedError } from '../store/user-repository.ts';
import { isValidationError, type ValidationError } from '../validation/zod.ts';

/** An RFC 9457 problem: what went wrong, field by field. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

/** A problem, and how an HTML page words it when that differs from the JSON title. */
export interface KnownProblem {
  readonly problem: Problem;
  readonly page?: { readonly title: string; readonly text: string };
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

/** A route for signed-in visitors without a (valid) session: 401 for the API, a redirect for pages. */
export class SignInRequiredError extends Error {
  override readonly name = 'SignInRequiredError';
}

export class AdminRequiredError extends Error {
  override readonly name = 'AdminRequiredError';
}

/** An unsafe request without the session's (or the sign-in form's) CSRF token. */
export class CsrfRejectedError extends Error {
  override readonly name = 'CsrfRejectedError';
}

/** A body the route cannot read: not JSON (400), or a media type it does not take (415). */
export class BadBodyError extends Error {
  override readonly name = 'BadBodyError';
  readonly status: 400 | 413 | 415;
  constructor(status: 400 | 413 | 415, message: string) {
    super(message);
    this.status = status;
  }
}

const problem = (status: number, title: string, errors?: Problem['errors']): Problem => ({
  type: 'about:blank',
  title,
  status,
  ...(errors ? { errors } : {}),
});

const changedMeanwhile = (): KnownProblem => ({
  // Two tabs saving at once: the second lost the race and wrote nothing; reloading shows the winner.
  problem: problem(409, 'It was changed meanwhile (another tab or device?); reload and try again'),
});

/** What to say about a URL that cannot be suggested again. */
function alreadySuggestedMessage(error: AlreadySuggestedError): string {
  switch (error.suggestion.status) {
    case 'pending':
      return 'This feed was suggested already and is waiting for an admin.';
    case 'approved':
      return 'This feed was suggested and approved already: Trellis reads it.';
    case 'rejected':
      return 'This feed was suggested before and an admin did not accept it.';
  }
}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;
const entry = <E extends Error>(type: ErrorClass<E>, toProblem: (error: E) => KnownProblem) => ({
  type: type as ErrorClass<Error>,
  toProblem: toProblem as (error: Error) => KnownProblem,
});

/** The one map from the typed errors of the use cases and the middlewares to HTTP problems. */
const knownErrors = [
  entry(BadBodyError, (error) => ({ problem: problem(error.status, error.message) })),
  entry(SignInRequiredError, () => ({ problem: problem(401, 'Sign in first') })),
  entry(AdminRequiredError, () => ({
    problem: problem(403, 'This needs the admin role'),
    page: { title: 'For admins only', text: 'This page needs the admin role.' },
  })),
  entry(CsrfRejectedError, () => ({
    problem: problem(403, 'Missing or wrong X-CSRF-Token header'),
    page: {
      title: 'This form has expired',
      text: 'The page was open too long or came from somewhere else, so nothing was changed. Reload the page and try again.',
    },
  })),
  entry(NotFoundError, (error) => ({ problem: problem(404, error.message) })),
  entry(UserChangedError, changedMeanwhile),
  entry(ContactChangedError, changedMeanwhile),
  entry(CalendarRotationConflictError, changedMeanwhile),
  entry(ContactNotFoundError, () => ({ problem: problem(404, 'No such contact') })),
  entry(ContactDateInFutureError, (error) => ({
    problem: problem(400, error.message, [{ field: 'lastTalkedOn', message: error.message }]),
  })),
  entry(StageNotAllowedError, (error) => ({
    problem: problem(400, error.message, [
      { field: 'stage', message: 'Only a potential mentor has a stage.' },
    ]),
  })),
  entry(EventNotFoundError, () => ({ problem: problem(404, 'No such event') })),
  entry(EventNotSavedError, () => ({ problem: problem(404, 'No such saved event') })),
  entry(AlreadyASourceError, () => ({
    problem: problem(409, 'That feed is already a source', [
      { field: 'url', message: 'This feed is already a source: Trellis reads it.' },
    ]),
  })),
  entry(AlreadySuggestedError, (error) => ({
    problem: problem(409, 'That feed was suggested already', [
      { field: 'url', message: alreadySuggestedMessage(error) },
    ]),
  })),
  entry(TooManyPendingSuggestionsError, (error) => ({
    problem: problem(429, error.message),
    page: {
      title: 'Too many suggestions',
      text: `You have many suggestions waiting already: ${error.message}.`,
    },
  })),
  entry(SuggestionNotFoundError, () => ({
    problem: problem(404, 'No such suggestion'),
    page: { title: 'No such suggestion', text: 'There is no such suggestion.' },
  })),
  entry(SuggestionAlreadyDecidedError, (error) => ({
    problem: problem(409, `The suggestion was ${error.suggestion.status} already`),
    page: { title: 'Decided already', text: `That suggestion was ${error.suggestion.status} already.` },
  })),
  entry(ExpiredLinkError, (error) => ({ problem: problem(410, error.message) })),
  entry(InvalidLinkError, (error) => ({ problem: problem(400, error.message) })),
];

/** An HTTP error of a middy middleware (createError): its status, and its message when it is exposed. */
function httpErrorProblem(error: unknown): KnownProblem | null {
  if (typeof error !== 'object' || error === null) return null;
  const { statusCode, expose, message } = error as {
    statusCode?: unknown;
    expose?: unknown;
    message?: unknown;
  };
  if (typeof statusCode !== 'number' || statusCode < 400 || statusCode >= 500 || expose === false)
    return null;
  return { problem: problem(statusCode, typeof message === 'string' ? message : 'The request is not valid') };
}

/** A schema's error names each field (zod's error classes answer instanceof for every Error, so it is tested apart). */
const validationProblem = (error: ValidationError): KnownProblem => ({
  problem: problem(
    400,
    'The request is not valid',
    error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message })),
  ),
});

/** The problem an expected error stands for; null for anything unexpected (a 500). */
export function knownProblemOf(error: unknown): KnownProblem | null {
  if (isValidationError(error)) return validationProblem(error);
  for (const known of knownErrors) if (error instanceof known.type) return known.toProblem(error);
  return httpErrorProblem(error);
}

export const unexpectedProblem: Problem = problem(500, 'Something went wrong on our side; please try again');
