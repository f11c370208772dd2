import { UsageError } from './usage-error.ts';

/** `--now ISO`: the instant a command acts as if it were (default: now). */
export function nowOption(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const ms = Date.parse(value);
  if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}/.test(value))
    throw new UsageError(`--now must be an ISO date-time, got '${value}'`);
  return new Date(ms);
}
