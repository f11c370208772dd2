/** The input broke the application's rules (a schema): one line naming the flags, exit 2. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
}

/** What bin reads of a zod issue; typed here so the usage path never imports zod. */
export interface SchemaIssue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly values?: readonly unknown[];
  readonly origin?: string;
  readonly expected?: string;
  readonly format?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
}

/** The flag a schema path came from: the longest mapped prefix of its field names (list indexes dropped). */
export function flagFor(path: readonly PropertyKey[], flags: Readonly<Record<string, string>>): string {
  const fields = path.filter((part) => typeof part === 'string');
  for (let length = fields.length; length >= 0; length -= 1) {
    const flag = flags[fields.slice(0, length).join('.')];
    if (flag) return flag;
  }
  // Not reachable for the mapped commands; still better than nothing if a schema grows a field.
  return fields.join('.') || 'input';
}

/**
 * Zod's own default messages ("Invalid option: expected one of …", "Too big: expected number to be <=23")
 * are schema text; the schemas' own messages ("must be an IANA time zone …") read well and are kept.
 */
function describe(issue: SchemaIssue): string {
  if (!/^(Invalid|Too (big|small)|Expected)/.test(issue.message)) return issue.message;
  const limit = Number(issue.maximum ?? issue.minimum);
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${(issue.values ?? []).map(String).join(', ')}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `takes at most ${limit} values`
        : issue.origin === 'string'
          ? `must be at most ${limit} characters`
          : `must be at most ${limit}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `needs at least ${limit} values`
        : issue.origin === 'string'
          ? limit <= 1
            ? 'must not be empty'
            : `must be at least ${limit} characters`
          : `must be at least ${limit}`;
    case 'invalid_type':
      return issue.expected === 'int' || issue.expected === 'number'
        ? 'must be a whole number'
        : 'is missing or has the wrong form';
    case 'invalid_format':
      return issue.format === 'email' ? 'must be an email address' : `must be a valid ${issue.format}`;
    default:
      return 'is not valid';
  }
}

/** One line: each issue as `--flag: what is wrong`. */
export function invalidInputMessage(
  issues: readonly SchemaIssue[],
  flags: Readonly<Record<string, string>>,
): string {
  const parts = issues.map((issue) => `${flagFor(issue.path, flags)}: ${describe(issue)}`);
  return `invalid input: ${[...new Set(parts)].join('; ')}`;
}
