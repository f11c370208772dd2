/** Structured JSON logs, one object a line on stderr (stdout stays free for command output). */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  readonly write?: (line: string) => void;
  readonly fields?: Record<string, unknown>;
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const base = options.fields ?? {};
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (rank[at] < rank[level]) return;
    const record: Record<string, unknown> = { level: at, time: new Date().toISOString(), message, ...base };
    for (const [key, value] of Object.entries(fields ?? {})) record[key] = errorFields(value);
    write(JSON.stringify(record));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger({ level, write, fields: { ...base, ...fields } }),
  };
}

/** A logger that drops everything; for tests and quiet commands. */
export const silentLogger: Logger = createLogger({ write: () => {} });
