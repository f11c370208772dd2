import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../usage-error.ts';
import { closest } from './closest.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * node's parseArgs, with its errors turned into one-line usage errors: the one place an unknown option
 * gets a suggestion, by edit distance over the options this command line accepts.
 */
export function parseOptions<const T extends Options, const P extends boolean = false>(
  args: string[],
  options: T,
  allowPositionals?: P,
) {
  try {
    return parseArgs({ args, options, allowPositionals: (allowPositionals ?? false) as P, strict: true });
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = /'(-{1,2}[^']*)'/.exec((error as Error).message)?.[1] ?? '';
      const suggestion = closest(typed.replace(/^-+/, ''), Object.keys(options));
      throw new UsageError(`unknown option ${typed}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
      throw new UsageError(valueMessage((error as Error).message));
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL')
      throw new UsageError(`unexpected argument ${/'[^']*'/.exec((error as Error).message)?.[0] ?? ''}`);
    throw error;
  }
}

/** node's "Option '--name <value>' argument missing" and its kin, said shorter and on one line. */
function valueMessage(message: string): string {
  const flag = /'(-{1,2}[^ ']+)/.exec(message)?.[1] ?? 'an option';
  if (message.includes('does not take an argument')) return `${flag} takes no value`;
  if (message.includes('ambiguous'))
    return `${flag} needs a value (write ${flag}=-x for one that starts with a dash)`;
  return `${flag} needs a value`;
}
