/**
 * The one DynamoDB table, described once: the CDK construct and the local runtime both build the
 * table from this, so the keys and indexes cannot drift apart.
 *
 * Keys are overloaded (single-table design); each entity's key builders live next to its repository.
 *   gsi1: by time — events by start day (`DAY#<yyyy-mm-dd>`), sources by next fetch (`SOURCES`).
 *   gsi2: secondary lookups for later capabilities (kept generic on purpose).
 */
export const tableKeys = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'ttl',
} as const;

export interface GlobalIndexDefinition {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const globalIndexes: readonly GlobalIndexDefinition[] = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
];

export const defaultTableName = 'trellis';
