/*
 * Every scheduled mail carries its send-ledger key as an SES message tag, so SES's own Send and
 * Delivery events (published to `ses-events`) can say which ledger entry they answer. Tag values
 * allow only letters, digits, '_' and '-' (at most 256 characters): the key travels as base64url.
 */

export interface LedgerTagKey {
  readonly kind: string;
  readonly userId: string;
  readonly period: string;
}

export interface MailTag {
  readonly name: string;
  readonly value: string;
}

export const ledgerTagName = 'trellis-ledger';

export function ledgerTag(key: LedgerTagKey): MailTag {
  const value = Buffer.from(JSON.stringify([key.kind, key.userId, key.period]), 'utf8').toString('base64url');
  return { name: ledgerTagName, value };
}

/** The ledger key a tag value names, or null when it is not one of ours. */
export function ledgerKeyFromTag(value: string): LedgerTagKey | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed.every((part) => typeof part === 'string' && part.length > 0)
    ) {
      const [kind, userId, period] = parsed as [string, string, string];
      return { kind, userId, period };
    }
  } catch {
    // not JSON in base64url: someone else's tag value
  }
  return null;
}
