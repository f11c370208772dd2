/*
 * The expected failures of the organization use cases. Each carries the HTTP status it stands for
 * (`statusCode`, `expose`), which the web layer's error map reads for any error it does not list by
 * class, so a route needs no mapping of its own; the CLI lists them as expected errors.
 */

/** The reader is not a member of that organization (or left meanwhile). */
export class MembershipNotFoundError extends Error {
  override readonly name = 'MembershipNotFoundError';
  readonly statusCode = 404;
  readonly expose = true;
}

/** The membership changed under a change (another tab, a reminder mail marking it); nothing was written. */
export class MembershipChangedError extends Error {
  override readonly name = 'MembershipChangedError';
  readonly statusCode = 409;
  readonly expose = true;
}

/** The reader's zone or reminder hour changed while a renewal joined the reminder schedule (retried). */
export class MembershipScheduleChangedError extends Error {
  override readonly name = 'MembershipScheduleChangedError';
}

/** The user the membership was to belong to is gone. */
export class MembershipOwnerNotFoundError extends Error {
  override readonly name = 'MembershipOwnerNotFoundError';
}

/** "Unfollow" of an organization the reader does not follow. */
export class NotFollowingError extends Error {
  override readonly name = 'NotFollowingError';
  readonly statusCode = 404;
  readonly expose = true;
}
