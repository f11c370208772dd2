import { commandNames, loadCommand } from './commands.ts';

/** `trellis --help`: every command's synopsis. Loads each command's light half only. */
export async function overview(): Promise<string> {
  const commands = await Promise.all(commandNames.map(loadCommand));
  const lines = commands.map((command) => command.synopsis.replace(/\n/g, '\n  ')).join('\n  ');
  return `Trellis — industry events, professional organizations and mentorship programs, matched to you.

usage:
  ${lines}

\`trellis <command> --help\` explains one command. Local mode keeps its data in .trellis/
(TRELLIS_DATA_DIR); with TRELLIS_TARGET=aws and TABLE_NAME the sources and ingest commands work on the
deployed table instead. See README.md for every variable.
`;
}
