import type { Command, ErrorClass } from './command.ts';
import { InvalidInputError, invalidInputMessage, type SchemaIssue } from './invalid-input.ts';

/** An expected failure of the command (listed in its module's expectedErrors): one line, exit 1. */
export class ExpectedError extends Error {
  override readonly name = 'ExpectedError';
}

/** zod's error, recognised by shape so that nothing here imports zod. */
function schemaIssues(error: unknown): readonly SchemaIssue[] | undefined {
  return error instanceof Error &&
    error.name === '$ZodError' &&
    'issues' in error &&
    Array.isArray(error.issues)
    ? (error.issues as SchemaIssue[])
    : undefined;
}

/** A command with its input type erased, so commands of every input type sit in one table. */
export interface BoundCommand {
  readonly synopsis: string;
  readonly details: string;
  run(args: string[]): Promise<number>;
}

export function bind<Input>(command: Command<Input>): BoundCommand {
  return { synopsis: command.synopsis, details: command.details, run: (args) => runCommand(command, args) };
}

/**
 * Parse first (usage errors load no application code), then import the command's module and run it.
 * Its failures come back as InvalidInputError (a schema said no; named by flag), ExpectedError, or as
 * they were (a bug: the caller prints the stack).
 */
async function runCommand<Input>(command: Command<Input>, args: string[]): Promise<number> {
  const input = command.parse(args);
  const [module, { loadLocalSettings }, { ConfigError }] = await Promise.all([
    command.load(),
    import('#shared/config/local-settings.ts'),
    import('#shared/config/env.ts'),
  ]);
  const expected: readonly ErrorClass[] = [ConfigError, ...module.expectedErrors];
  try {
    return await module.run(input, loadLocalSettings());
  } catch (error) {
    const issues = schemaIssues(error);
    if (issues) throw new InvalidInputError(invalidInputMessage(issues, command.flags), { cause: error });
    if (expected.some((type) => error instanceof type))
      throw new ExpectedError((error as Error).message, { cause: error });
    throw error;
  }
}
