import type { LocalSettings } from '#shared/config/local-settings.ts';

/** An error class whose instances are expected failures: one line, exit 1, no stack. */
export type ErrorClass = abstract new (...args: never[]) => Error;

/** A command's application half: imported only once its command line has parsed. */
export interface CommandModule<Input> {
  run(input: Input, settings: LocalSettings): Promise<number>;
  /**
   * What this command expects to fail with. Each module lists its own and they are checked after the
   * dynamic import, so bin/trellis.ts needs no application error class up front.
   */
  readonly expectedErrors: readonly ErrorClass[];
}

/** A command's light half: usage, help and argument parsing, with no application imports. */
export interface Command<Input> {
  /** The command's lines in the overview (`trellis --help`). */
  readonly synopsis: string;
  /** What `trellis <command> --help` adds below the synopsis. */
  readonly details: string;
  /** Schema field (dotted, list indexes dropped) → the flag a person typed, for validation messages. */
  readonly flags: Readonly<Record<string, string>>;
  /** Throws UsageError for a command line that cannot be right whatever the data. */
  parse(args: string[]): Input;
  load(): Promise<CommandModule<Input>>;
}
