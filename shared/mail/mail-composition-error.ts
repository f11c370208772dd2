/** A message could not be composed from what it was given (a bad address, header or link). */
export class MailCompositionError extends Error {
  override readonly name = 'MailCompositionError';
}
