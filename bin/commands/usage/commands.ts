import { type BoundCommand, bind } from './run-command.ts';

// One import per command word, taken only when that word is typed: its light half (usage, help, parsing).
const loaders = {
  dev: () => import('./dev.ts').then((module) => bind(module.dev)),
  sources: () => import('./sources.ts').then((module) => bind(module.sources)),
  ingest: () => import('./ingest.ts').then((module) => bind(module.ingest)),
  parse: () => import('./parse.ts').then((module) => bind(module.parse)),
  users: () => import('./users.ts').then((module) => bind(module.users)),
  contacts: () => import('./contacts.ts').then((module) => bind(module.contacts)),
  orgs: () => import('./orgs.ts').then((module) => bind(module.orgs)),
  people: () => import('./people.ts').then((module) => bind(module.people)),
  digest: () => import('./digest.ts').then((module) => bind(module.digest)),
  reminders: () => import('./reminders.ts').then((module) => bind(module.reminders)),
  calendar: () => import('./calendar.ts').then((module) => bind(module.calendar)),
  save: () => import('./save.ts').then((module) => bind(module.save)),
  reindex: () => import('./reindex.ts').then((module) => bind(module.reindex)),
} satisfies Record<string, () => Promise<BoundCommand>>;

export type CommandName = keyof typeof loaders;

export const commandNames = Object.keys(loaders) as CommandName[];

export const isCommandName = (word: string): word is CommandName => Object.hasOwn(loaders, word);

export const loadCommand = (name: CommandName): Promise<BoundCommand> => loaders[name]();

/** `trellis <command> --help`. */
export function commandHelp(command: BoundCommand): string {
  return `usage:\n  ${command.synopsis.replace(/\n/g, '\n  ')}\n\n${command.details}\n`;
}
