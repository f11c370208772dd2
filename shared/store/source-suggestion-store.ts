import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { SourceSuggestion } from '../sources/source-suggestion.ts';
import { isConditionFailure } from './condition-failure.ts';
import {
  sourceSuggestionKey,
  suggestionsByUserPk,
  suggestionsPk,
  suggestionsSk,
} from './keys/source-suggestion-keys.ts';
import { TransactionCancelledError, type TransactionPart, transactWrite } from './transact-write.ts';

/*
 * SUGGESTION#<id> / SUGGESTION   one suggested feed (the id is its URL's), pending until an admin decides;
 *                                gsi1 lists pending ones by age and decided ones by decision, gsi2 one
 *                                person's. A decision is final: it is written only while the status is
 *                                pending, in one transaction with what it brings about (approving: the source).
 */

/** The URL was suggested before (the id is the URL's). */
export class SuggestionExistsError extends Error {
  override readonly name = 'SuggestionExistsError';
}

export class SuggestionNotFoundError extends Error {
  override readonly name = 'SuggestionNotFoundError';
}

/** An admin decided it already (or meanwhile); a decision is final. */
export class SuggestionAlreadyDecidedError extends Error {
  override readonly name = 'SuggestionAlreadyDecidedError';
  readonly suggestion: SourceSuggestion;
  constructor(suggestion: SourceSuggestion) {
    super(`suggestion ${suggestion.id} was ${suggestion.status} already`);
    this.suggestion = suggestion;
  }
}

export interface SuggestionDecision {
  readonly status: 'approved' | 'rejected';
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export interface SourceSuggestionStore {
  /** SuggestionExistsError when the URL was suggested before. */
  create(suggestion: SourceSuggestion): Promise<void>;
  get(suggestionId: string): Promise<SourceSuggestion | null>;
  /** Every pending suggestion, oldest first. */
  listPending(): Promise<SourceSuggestion[]>;
  /** The last `limit` decisions, newest first. */
  listRecentlyDecided(limit: number): Promise<SourceSuggestion[]>;
  /** One user's last `limit` suggestions, newest first. */
  listBySuggester(userId: string, limit: number): Promise<SourceSuggestion[]>;
  /**
   * Decides the suggestion if it is still pending, with `alsoWrite` in the same transaction, and returns
   * it decided; SuggestionNotFoundError or SuggestionAlreadyDecidedError (with the decision made) when it
   * is gone or decided. Other failed parts surface as TransactionCancelledError.
   */
  decide(
    suggestion: SourceSuggestion,
    decision: SuggestionDecision,
    alsoWrite?: readonly TransactionPart[],
  ): Promise<SourceSuggestion>;
}

type Item = Record<string, unknown>;

function toItem(suggestion: SourceSuggestion): Item {
  const decided = suggestion.status !== 'pending' && suggestion.decidedAt !== null;
  return {
    ...sourceSuggestionKey(suggestion.id),
    type: 'source-suggestion',
    ...suggestion,
    gsi1pk: suggestionsPk(decided ? 'decided' : 'pending'),
    gsi1sk: suggestionsSk(decided ? (suggestion.decidedAt ?? '') : suggestion.suggestedAt, suggestion.id),
    gsi2pk: suggestionsByUserPk(suggestion.suggestedBy),
    gsi2sk: suggestionsSk(suggestion.suggestedAt, suggestion.id),
  };
}

function fromItem(item: Item): SourceSuggestion {
  const {
    pk: _pk,
    sk: _sk,
    type: _type,
    gsi1pk: _g1,
    gsi1sk: _g1s,
    gsi2pk: _g2,
    gsi2sk: _g2s,
    ...suggestion
  } = item;
  return suggestion as unknown as SourceSuggestion;
}

export function createSourceSuggestionStore(
  client: DynamoDBDocumentClient,
  tableName: string,
): SourceSuggestionStore {
  /** The items a query finds, page after page, up to `limit`. */
  async function query(
    input: Omit<QueryCommandInput, 'TableName'>,
    limit = Number.POSITIVE_INFINITY,
  ): Promise<SourceSuggestion[]> {
    const found: SourceSuggestion[] = [];
    for await (const page of paginateQuery({ client }, { ...input, TableName: tableName })) {
      for (const item of page.Items ?? []) found.push(fromItem(item));
      if (found.length >= limit) break;
    }
    return found.slice(0, limit);
  }

  const get = async (suggestionId: string) => {
    const output = await client.send(
      new GetCommand({ TableName: tableName, Key: sourceSuggestionKey(suggestionId), ConsistentRead: true }),
    );
    return output.Item ? fromItem(output.Item) : null;
  };

  return {
    async create(suggestion) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: toItem(suggestion),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          throw new SuggestionExistsError(`${suggestion.url} was suggested before (${suggestion.id})`);
        throw error;
      }
    },

    get,

    listPending: () =>
      query({
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': suggestionsPk('pending') },
      }),

    listRecentlyDecided: (limit) =>
      query(
        {
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': suggestionsPk('decided') },
          ScanIndexForward: false,
          Limit: limit,
        },
        limit,
      ),

    listBySuggester: (userId, limit) =>
      query(
        {
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': suggestionsByUserPk(userId) },
          ScanIndexForward: false,
          Limit: limit,
        },
        limit,
      ),

    async decide(suggestion, decision, alsoWrite = []) {
      const decisionPart: TransactionPart = {
        label: 'suggestion',
        Update: {
          TableName: tableName,
          Key: sourceSuggestionKey(suggestion.id),
          UpdateExpression:
            'SET #status = :status, decidedBy = :by, decidedAt = :at, gsi1pk = :decided, gsi1sk = :sk',
          ConditionExpression: 'attribute_exists(pk) AND #status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': decision.status,
            ':by': decision.decidedBy,
            ':at': decision.decidedAt,
            ':decided': suggestionsPk('decided'),
            ':sk': suggestionsSk(decision.decidedAt, suggestion.id),
            ':pending': 'pending',
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      };
      try {
        await transactWrite(client, [decisionPart, ...alsoWrite]);
        return { ...suggestion, ...decision };
      } catch (error) {
        if (!(error instanceof TransactionCancelledError) || !error.failedOn('suggestion')) throw error;
        const current = error.oldItem('suggestion');
        if (!current) throw new SuggestionNotFoundError(`no suggestion ${suggestion.id}`);
        throw new SuggestionAlreadyDecidedError(fromItem(current));
      }
    },
  };
}
