import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface InFlightGauge {
  /** The most requests that were on their way at once (sent, answer not back yet) since the last reset. */
  max(): number;
  reset(): void;
}

/** Watches how many DynamoDB requests the client has in flight, to check that parallel reads stay bounded. */
export function gaugeInFlight(client: DynamoDBDocumentClient): InFlightGauge {
  let current = 0;
  let max = 0;
  client.middlewareStack.add(
    (next) => async (args) => {
      current += 1;
      max = Math.max(max, current);
      try {
        return await next(args);
      } finally {
        current -= 1;
      }
    },
    { step: 'initialize', name: 'trellisInFlightGauge', override: true },
  );
  return {
    max: () => max,
    reset: () => {
      max = current;
    },
  };
}
