/*
 * Bulk mail (digests, reminders) may use at most this share of the account's SES send rate; the rest
 * stays free for transactional mail (sign-in links, welcome mails, invitations), which is sent
 * directly and so never waits behind a Monday's digests.
 */
export const bulkShareOfSendRate = 0.7;

export interface BulkRateWindow {
  /** Seconds per window: 1 unless the account's rate is too low for one bulk send a second. */
  readonly seconds: number;
  /** Sends allowed per window, for all bulk senders together. */
  readonly limit: number;
}

/** The smallest whole-second window in which bulk mail gets at least one send, and its limit. */
export function bulkRateWindow(maxSendRate: number): BulkRateWindow {
  const perSecond = Math.max(maxSendRate, 0.01) * bulkShareOfSendRate;
  const seconds = Math.max(1, Math.ceil(1 / perSecond - 1e-9));
  return { seconds, limit: Math.max(1, Math.floor(perSecond * seconds + 1e-9)) };
}
