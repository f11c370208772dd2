import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { createPowertoolsLogger, inLambda, type Logger, type LogLevel } from '../log/logger.ts';
import type { Tracing } from './tracing.ts';

/**
 * What every function applies once: Powertools Logger (request id, cold start, trace id, level from config),
 * Metrics in CloudWatch EMF, and Tracer around the SDK clients. A handler is
 *
 *   const observability = createObservability({ service: 'digest-send', logLevel: config.logLevel });
 *   const client = observability.traced(createDocumentClient());
 *   export const handler = middy().use(observability.middlewares()).handler(…);
 *
 * and counts outcomes from the use case's result with `observability.metrics.count(…)`; shared code takes a
 * plain `logger` (and, where it must count itself, a `MetricsPort`), never Powertools.
 */

/** The business outcomes the service counts (CloudWatch namespace Trellis, dimension `service`). */
export type MetricName =
  | 'DigestsSent'
  | 'RemindersSent'
  | 'InvitationsSent'
  | 'MailsSuppressed'
  | 'AddressesSuppressed'
  | 'FeedsFetched'
  | 'FeedsFailed'
  | 'EventsStored'
  | 'MessagesEnqueued'
  | 'LedgerCompletedBySes'
  | 'MailsDeferred';

export interface MetricsPort {
  count(name: MetricName, value?: number): void;
}

export interface Observability {
  readonly logger: Logger;
  readonly metrics: MetricsPort;
  /** The same client, its calls recorded as X-Ray subsegments once tracing is on. Call before the first send. */
  traced<Client extends object>(client: Client): Client;
  /** Tracer, logger context and metrics flush, in that order: `.use(observability.middlewares())`. */
  middlewares(): MiddlewareObj[];
}

export interface ObservabilityOptions {
  /** The function's name: Powertools' `service` for logs, metrics and traces. */
  readonly service: string;
  readonly logLevel: LogLevel;
  /** Default: in Lambda with POWERTOOLS_TRACE_ENABLED=true (set by infra next to active tracing). */
  readonly tracing?: boolean;
  /** Default: in Lambda. Elsewhere counts are debug log lines, and stdout stays free. */
  readonly emf?: boolean;
}

/** Bundled: the chunk next to index.mjs; from source (tests): the module itself. Not a literal, so never inlined. */
const tracingModule = import.meta.url.endsWith('.ts') ? './tracing.ts' : './tracing.mjs';
const loadTracing = (): Promise<typeof import('./tracing.ts')> =>
  import(new URL(tracingModule, import.meta.url).href);

export function createObservability(options: ObservabilityOptions): Observability {
  const { powertools, logger } = createPowertoolsLogger({
    level: options.logLevel,
    service: options.service,
  });
  const emf = options.emf ?? inLambda();
  const tracingOn = options.tracing ?? (inLambda() && process.env.POWERTOOLS_TRACE_ENABLED === 'true');

  const powertoolsMetrics = emf
    ? new Metrics({
        namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'Trellis',
        serviceName: options.service,
      })
    : null;
  const metrics: MetricsPort = {
    count: (name, value = 1) => {
      if (value <= 0) return;
      if (powertoolsMetrics) powertoolsMetrics.addMetric(name, MetricUnit.Count, value);
      else logger.debug('metric', { metric: name, value });
    },
  };
  const metricsFlush: MiddlewareObj = {
    before: (request) => {
      powertoolsMetrics?.captureColdStartMetric(request.context.functionName);
    },
    after: () => {
      // Only when something was counted: an empty flush is a warning line per invocation.
      if (powertoolsMetrics?.hasStoredMetrics()) powertoolsMetrics.publishStoredMetrics();
    },
    onError: () => {
      if (powertoolsMetrics?.hasStoredMetrics()) powertoolsMetrics.publishStoredMetrics();
    },
  };

  const toCapture: object[] = [];
  let loaded: Tracing | null = null;
  let tracing: Promise<Tracing> | null = null;
  const startTracing = () => {
    tracing ??= loadTracing().then(({ createTracing }) => {
      loaded = createTracing(options.service);
      for (const client of toCapture.splice(0)) loaded.capture(client);
      return loaded;
    });
    return tracing;
  };
  // Loaded while the container starts (Lambda's init phase), awaited by the first invocation, where a failure
  // to load surfaces.
  if (tracingOn) startTracing().catch(() => {});
  const tracer: MiddlewareObj = {
    before: async (request) => {
      if (tracingOn) await (await startTracing()).middleware.before?.(request);
    },
    after: async (request) => {
      if (tracing) await (await tracing).middleware.after?.(request);
    },
    onError: async (request) => {
      if (tracing) await (await tracing).middleware.onError?.(request);
    },
  };

  return {
    logger,
    metrics,
    traced: (client) => {
      if (loaded) loaded.capture(client);
      else if (tracingOn) toCapture.push(client);
      return client;
    },
    middlewares: () => [tracer, injectLambdaContext(powertools, { resetKeys: true }), metricsFlush],
  };
}
