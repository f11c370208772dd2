import { type LogItem, Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/**
 * Structured logs through Powertools for AWS Lambda's Logger. In Lambda: one JSON object a line, with the
 * request id, cold start and X-Ray trace id once `injectLambdaContext` (shared/observability) has run. Anywhere
 * else (`trellis dev`, the CLI, tests): the same records as readable lines on stderr, so stdout stays free for
 * command output. Shared code only sees the small `Logger` interface below.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Where lines go (default: Powertools' own stdout in Lambda, stderr elsewhere). */
  readonly write?: (line: string) => void;
  readonly fields?: Record<string, unknown>;
  /** `json` in Lambda, `readable` elsewhere. */
  readonly format?: 'json' | 'readable';
  /** Powertools' `service` key (default `trellis`). */
  readonly service?: string;
}

/** True inside a Lambda execution environment (the runtime sets the function name). */
export const inLambda = (): boolean => process.env.AWS_LAMBDA_FUNCTION_NAME !== undefined;

type Printer = (attributes: Record<string, unknown>, json: () => string) => void;

/** Powertools' Logger with its last step (printing) replaceable, so local mode can print lines a person reads. */
class TrellisPowertoolsLogger extends PowertoolsLogger {
  printer: Printer | null = null;

  protected override printLog(logLevel: number, log: LogItem): void {
    if (this.printer === null) {
      super.printLog(logLevel, log);
      return;
    }
    const attributes = log.getAttributes();
    this.printer(attributes, () => JSON.stringify(attributes, this.getJsonReplacer()));
  }
}

/**
 * Keys a readable line shows in their own place (level, function) or leaves out: the time is the line's own, and
 * the invocation's ARN and memory size say nothing on one machine.
 */
const placed = new Set([
  'level',
  'message',
  'timestamp',
  'service',
  'sampling_rate',
  'function_name',
  'function_arn',
  'function_memory_size',
]);

function readableValue(value: unknown): string {
  if (value instanceof Error) return readableValue(`${value.name}: ${value.message}`);
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** `12:03:04.512 WARN  [ingest-feed] feed failed  sourceId=s1 error="TypeError: …"`, and an error's stack below. */
export function readableLine(attributes: Record<string, unknown>, now = new Date()): string {
  const level = String(attributes.level ?? 'INFO').padEnd(5);
  const fields: string[] = [];
  const stacks: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (placed.has(key) || value === undefined || (key === 'cold_start' && value === false)) continue;
    fields.push(`${key}=${readableValue(value)}`);
    if (value instanceof Error && value.stack && attributes.level === 'ERROR')
      stacks.push(value.stack.split('\n').slice(1).join('\n'));
  }
  const time = now.toISOString().slice(11, 23);
  const where = typeof attributes.function_name === 'string' ? `[${attributes.function_name}] ` : '';
  const head = `${time} ${level} ${where}${attributes.message}`;
  return [`${head}${fields.length ? `  ${fields.join(' ')}` : ''}`, ...stacks].join('\n');
}

/** Our interface over one Powertools logger; a child adds its fields to every record without a new logger. */
export function adaptLogger(target: PowertoolsLogger, base: Record<string, unknown> = {}): Logger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const extra = fields ? { ...base, ...fields } : base;
    if (Object.keys(extra).length === 0) target[level](message);
    else target[level](message, extra);
  };
  return {
    debug: (message, fields) => emit('debug', message, fields),
    info: (message, fields) => emit('info', message, fields),
    warn: (message, fields) => emit('warn', message, fields),
    error: (message, fields) => emit('error', message, fields),
    child: (fields) => adaptLogger(target, { ...base, ...fields }),
  };
}

/** The Powertools logger itself (for `injectLambdaContext`) and our interface over it. */
export function createPowertoolsLogger(options: LoggerOptions = {}): {
  readonly powertools: PowertoolsLogger;
  readonly logger: Logger;
} {
  const powertools = new TrellisPowertoolsLogger({
    logLevel: (options.level ?? 'info').toUpperCase() as 'INFO',
    serviceName: options.service ?? 'trellis',
  });
  const format = options.format ?? (inLambda() ? 'json' : 'readable');
  const write =
    options.write ?? (format === 'readable' ? (line: string) => process.stderr.write(`${line}\n`) : null);
  if (write !== null)
    powertools.printer = (attributes, json) => write(format === 'json' ? json() : readableLine(attributes));
  return { powertools, logger: adaptLogger(powertools, options.fields) };
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return createPowertoolsLogger(options).logger;
}

/** A logger that drops everything; for tests and quiet commands. */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};
