/** The expected failures of the contact use cases; the routes and the CLI map each to their answer. */

/** No such contact under this user (or it was removed meanwhile). */
export class ContactNotFoundError extends Error {
  override readonly name = 'ContactNotFoundError';
}

/** The contact kept changing under a change (optimistic concurrency on `updatedAt`); nothing was written. */
export class ContactChangedError extends Error {
  override readonly name = 'ContactChangedError';
}

/** A "last talked" date after the user's today. */
export class ContactDateInFutureError extends Error {
  override readonly name = 'ContactDateInFutureError';
}

/** The user's zone or reminder hour changed while a contact was added (the add retries with the new ones). */
export class ReminderScheduleChangedError extends Error {
  override readonly name = 'ReminderScheduleChangedError';
}

/** The user the contact was to belong to is gone. */
export class ContactOwnerNotFoundError extends Error {
  override readonly name = 'ContactOwnerNotFoundError';
}

/** A stage on a contact that is not a potential mentor. */
export class StageNotAllowedError extends Error {
  override readonly name = 'StageNotAllowedError';
}
