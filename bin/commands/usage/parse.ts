import { UsageError } from '../usage-error.ts';
import type { Command } from './command.ts';
import { parseOptions } from './parse-options.ts';

export interface ParseInput {
  input: string;
  fromMs: number;
  toMs: number;
  timeZone: string | null;
}

const dayMs = 86_400_000;

function instantOption(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms))
    throw new UsageError(`--${name} must be an ISO date or date-time, got '${value}'`);
  return ms;
}

export const parse: Command<ParseInput> = {
  synopsis: 'trellis parse <file-or-url|-> [--from ISO] [--to ISO] [--tz IANA-ZONE]',
  details: `Print one feed as a JSON array of normalized events; recurring events are expanded to the
occurrences that start in [--from, --to) (default now to now + 120 days). --tz is the zone for times
given without one. Per-entry problems go to stderr as warning: lines; unreadable input exits 1.`,
  flags: {},
  parse(args) {
    const { values, positionals } = parseOptions(
      args,
      { from: { type: 'string' }, to: { type: 'string' }, tz: { type: 'string' } },
      true,
    );
    const [input, ...extra] = positionals;
    if (!input || extra.length > 0) throw new UsageError('parse takes exactly one file, URL or -');
    const fromMs = instantOption('from', values.from, Date.now());
    const toMs = instantOption('to', values.to, fromMs + 120 * dayMs);
    if (toMs <= fromMs) throw new UsageError('--to must be after --from');
    return { input, fromMs, toMs, timeZone: values.tz ?? null };
  },
  load: () => import('../parse.ts'),
};
