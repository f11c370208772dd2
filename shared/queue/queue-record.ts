/** One message of an SQS batch, as the handlers pass it to shared/ (id for partial batch responses, raw body). */
export interface QueueRecord {
  readonly messageId: string;
  readonly body: string;
}
