import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** A single-item write's condition did not hold: the one test for it, used by every repository. */
export const isConditionFailure = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException;
