import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { globalIndexes } from '../../shared/store/table-definition.ts';

/**
 * The only way a function gets access to something: each helper sets the environment variable the handler reads
 * and grants exactly what that access mode needs, nothing broader.
 */

/** `readUpdate`: reads, and UpdateItem only (a function that adds attributes to items it does not create). */
export type TableAccessMode = 'read' | 'readUpdate' | 'readWrite';

/**
 * Item-level actions only: no Scan (single-table access goes through keys and indexes), no table management.
 * TransactWriteItems is authorized per item by these same actions, and a transaction's ConditionCheck by
 * ConditionCheckItem.
 */
const tableReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const tableWriteActions = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export interface BindTableProps {
  readonly fn: LambdaFunction;
  readonly table: ITable;
  readonly accessMode: TableAccessMode;
}

/**
 * Sets TABLE_NAME. Reads are granted on the table and each named index (listed, not `index/*`, so no wildcard);
 * writes on the table alone, since indexes cannot be written.
 */
export function bindTable({ fn, table, accessMode }: BindTableProps): void {
  fn.addEnvironment('TABLE_NAME', table.tableName);
  const indexArns = globalIndexes.map((index) => `${table.tableArn}/index/${index.indexName}`);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: tableReadActions, resources: [table.tableArn, ...indexArns] }),
  );
  if (accessMode === 'readWrite') {
    fn.addToRolePolicy(new PolicyStatement({ actions: tableWriteActions, resources: [table.tableArn] }));
  }
  if (accessMode === 'readUpdate') {
    fn.addToRolePolicy(
      new PolicyStatement({ actions: ['dynamodb:UpdateItem'], resources: [table.tableArn] }),
    );
  }
}

export interface BindQueueSenderProps {
  readonly fn: LambdaFunction;
  readonly queue: IQueue;
  /** The variable the handler reads the queue URL from, e.g. INGEST_QUEUE_URL. */
  readonly urlVariable: string;
}

/** Sets `urlVariable` to the queue URL and allows sending (SendMessage also covers SendMessageBatch). */
export function bindQueueSender({ fn, queue, urlVariable }: BindQueueSenderProps): void {
  fn.addEnvironment(urlVariable, queue.queueUrl);
  queue.grantSendMessages(fn);
}

export interface BindLinkSecretProps {
  readonly fn: LambdaFunction;
  /** The link-signing key (`LinkSecret`). */
  readonly secret: ISecret;
}

/**
 * Sets LINK_SECRET_ARN and allows reading that one secret's value: GetSecretValue only, not `grantRead`'s
 * DescribeSecret, which the handlers never call. The secret is under the AWS managed key, so no KMS grant.
 */
export function bindLinkSecret({ fn, secret }: BindLinkSecretProps): void {
  fn.addEnvironment('LINK_SECRET_ARN', secret.secretArn);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }),
  );
}
