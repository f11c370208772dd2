/** The command line itself is wrong: print the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
