/**
 * The one DynamoDB table, described once: the CDK construct and the local runtime both build the
 * table from this, so the keys and indexes cannot drift apart.
 *
 * Keys are overloaded (single-table design); each entity's key builders live next to its repository.
 *   gsi1 (ALL): listings that need whole items: events by start day (`DAY#<yyyy-mm-dd>`), sources by
 *         next fetch (`SOURCES`), suggestions by state.
 *   gsi2 (ALL): secondary lookups: one user's suggestions; users by email, spread over a few shards.
 *   gsi3 (KEYS_ONLY): who is in a schedule slot (digest and reminder slots): dispatch needs user ids
 *         only, and the table key (`USER#<id>`) carries them; profiles are not copied into the index.
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
  readonly projection: 'ALL' | 'KEYS_ONLY';
}

export const globalIndexes: readonly GlobalIndexDefinition[] = [
  { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', projection: 'ALL' },
  { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', projection: 'ALL' },
  { indexName: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', projection: 'KEYS_ONLY' },
];

export const defaultTableName = 'trellis';
