import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, batchWriteAll } from './batch-requests.ts';
import { windowSnapshotPartKey } from './keys/window-snapshot-keys.ts';

/** The parts of a window snapshot: written once by a dispatch run, read by each send batch. */
export interface WindowSnapshotStore {
  put(id: string, parts: readonly Uint8Array[], expiresAt: Date): Promise<void>;
  /** The parts in order; null when any is missing (expired, or never written completely). */
  get(id: string, partCount: number): Promise<Uint8Array[] | null>;
}

export function createWindowSnapshotStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): WindowSnapshotStore {
  return {
    async put(id, parts, expiresAt) {
      await batchWriteAll(
        client,
        tableName,
        parts.map((data, index) => ({
          PutRequest: {
            Item: {
              ...windowSnapshotPartKey(id, index),
              type: 'window-snapshot',
              data,
              ttl: Math.floor(expiresAt.getTime() / 1000),
            },
          },
        })),
      );
    },
    async get(id, partCount) {
      const keys = Array.from({ length: partCount }, (_, index) => windowSnapshotPartKey(id, index));
      const items = await batchGetAll(client, tableName, keys);
      if (items.length !== partCount) return null;
      const bySk = new Map(items.map((item) => [String(item.sk), item.data as Uint8Array]));
      const parts = keys.map((key) => bySk.get(key.sk));
      return parts.every((part) => part instanceof Uint8Array) ? (parts as Uint8Array[]) : null;
    },
  };
}
