import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/**
 * Powertools Tracer, loaded only when tracing is on (see observability.ts): it pulls in aws-xray-sdk-core
 * (about 127 KB minified and 60-90 ms to import), so it ships as a chunk of its own next to each function's
 * bundle (`tracing.mjs`, infra/bundling.ts) and a function without tracing never reads it.
 */
export function createTracing(serviceName: string) {
  const tracer = new Tracer({ serviceName });
  return {
    // Responses carry addresses and feed contents: annotations (cold start, service) only, no response bodies.
    middleware: captureLambdaHandler(tracer, { captureResponse: false }),
    capture: <Client>(client: Client): Client => tracer.captureAWSv3Client(client as never) as Client,
  };
}

export type Tracing = ReturnType<typeof createTracing>;
