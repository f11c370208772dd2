import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoClientOptions {
  /** Local endpoint (DynamoDB Local); omitted on AWS. */
  readonly endpoint?: string | null;
  readonly region?: string;
  readonly maxAttempts?: number;
}

/** Build once per container (or process) and hand in; tests hand in a local endpoint or a mock. */
export function createDocumentClient(options: DynamoClientOptions = {}): DynamoDBDocumentClient {
  const config: DynamoDBClientConfig = {
    region: options.region ?? process.env.AWS_REGION ?? 'us-east-1',
    maxAttempts: options.maxAttempts ?? 5,
  };
  if (options.endpoint) {
    config.endpoint = options.endpoint;
    // DynamoDB Local (-sharedDb) accepts any credentials; fixed ones keep the SDK from searching the machine for real ones.
    config.credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  }
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
