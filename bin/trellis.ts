#!/usr/bin/env node
import { closest } from './commands/usage/closest.ts';
import { commandHelp, commandNames, isCommandName, loadCommand } from './commands/usage/commands.ts';
import { InvalidInputError } from './commands/usage/invalid-input.ts';
import { overview } from './commands/usage/overview.ts';
import { ExpectedError } from './commands/usage/run-command.ts';
import { UsageError } from './commands/usage-error.ts';

// The entry point reads only the command word. Each command has a light half (bin/commands/usage/:
// usage, help, argument parsing, no application imports) and an application half imported only once
// its command line has parsed, so `--help` and usage errors start about as fast as node itself.
//
// Expected errors: each application half exports its own `expectedErrors`, checked after its dynamic
// import (bin/commands/usage/run-command.ts), which hands back an ExpectedError; nothing here imports
// an application error class up front.

/** `--help` or `-h` before any `--` asks for the command's help instead of running it. */
const asksForHelp = (args: string[]) => {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
};

function unknownCommand(word: string): UsageError {
  const suggestion = closest(word, commandNames);
  return new UsageError(`unknown command '${word}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
}

async function dispatch(word: string | undefined, args: string[]): Promise<number> {
  if (!word || word === '--help' || word === '-h' || (word === 'help' && args.length === 0)) {
    process.stdout.write(await overview());
    return word ? 0 : 2;
  }
  if (word === 'help') {
    const [topic = ''] = args;
    if (!isCommandName(topic)) throw unknownCommand(topic);
    process.stdout.write(commandHelp(await loadCommand(topic)));
    return 0;
  }
  if (!isCommandName(word)) throw unknownCommand(word);
  const command = await loadCommand(word);
  if (asksForHelp(args)) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  // The command runs application code, whose pages are .tsx: compile them on import (help never gets here).
  (await import('./tsx-loader-hooks.ts')).registerTsxHooks();
  return command.run(args);
}

/** One line for what the person can fix; a stack trace only for what is a bug. */
function report(error: unknown, word: string | undefined): number {
  if (error instanceof UsageError) {
    const help = word && isCommandName(word) ? `trellis ${word} --help` : 'trellis --help';
    process.stderr.write(`trellis: ${error.message}\nsee \`${help}\`\n`);
    return 2;
  }
  if (error instanceof InvalidInputError) {
    process.stderr.write(`trellis: ${error.message}\n`);
    return 2;
  }
  if (error instanceof ExpectedError) {
    process.stderr.write(`trellis: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `trellis: unexpected error\n${error instanceof Error ? error.stack : String(error)}\n`,
  );
  return 70;
}

const [word, ...args] = process.argv.slice(2);
process.exitCode = await dispatch(word, args).catch((error: unknown) => report(error, word));
