import { DynamoLocalStartError, JavaMissingError } from '#shared/local/dynamodb-local-server.ts';
import { PortInUseError } from '#shared/local/listen.ts';

/** What opening the local data folder can fail with (no Java, a busy port): every store-backed command expects these. */
export const storeErrors = [PortInUseError, JavaMissingError, DynamoLocalStartError] as const;
