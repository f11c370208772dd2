import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeServer, listen } from './listen.ts';
import type { LocalQueue } from './local-queue.ts';

/**
 * The slice of the SQS API (JSON protocol) that Trellis's functions use: SendMessage and
 * SendMessageBatch (with DelaySeconds). Functions keep their real SQS client; only its endpoint points here.
 */
export interface LocalSqs {
  readonly endpoint: string;
  queueUrl(name: string): string;
  stop(): Promise<void>;
}

const accountId = '000000000000';

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
}

function reply(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
  response.end(JSON.stringify(body));
}

export async function startLocalSqs(
  queues: readonly LocalQueue[],
  options: { host?: string; port?: number } = {},
): Promise<LocalSqs> {
  const host = options.host ?? '127.0.0.1';
  let endpoint = '';
  const byName = new Map(queues.map((queue) => [queue.name, queue]));
  const queueFor = (url: unknown) =>
    byName.get(
      String(url ?? '')
        .split('/')
        .pop() ?? '',
    );

  const server: Server = createServer((request, response) => {
    void (async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const body = await readJson(request);
      const queue = queueFor(body.QueueUrl);
      if (target === 'AmazonSQS.GetQueueUrl') {
        const name = String(body.QueueName ?? '');
        if (!byName.has(name))
          return reply(response, 400, {
            __type: 'com.amazonaws.sqs#QueueDoesNotExist',
            message: `no queue ${name}`,
          });
        return reply(response, 200, { QueueUrl: `${endpoint}/${accountId}/${name}` });
      }
      if (!queue)
        return reply(response, 400, {
          __type: 'com.amazonaws.sqs#QueueDoesNotExist',
          message: 'The specified queue does not exist.',
        });
      if (target === 'AmazonSQS.SendMessage') {
        const sent = queue.send(String(body.MessageBody ?? ''), Number(body.DelaySeconds ?? 0));
        return reply(response, 200, { MessageId: sent.messageId, MD5OfMessageBody: sent.md5 });
      }
      if (target === 'AmazonSQS.SendMessageBatch') {
        const entries = (body.Entries ?? []) as { Id: string; MessageBody: string; DelaySeconds?: number }[];
        const successful = entries.map((entry) => {
          const sent = queue.send(entry.MessageBody, entry.DelaySeconds ?? 0);
          return { Id: entry.Id, MessageId: sent.messageId, MD5OfMessageBody: sent.md5 };
        });
        return reply(response, 200, { Successful: successful, Failed: [] });
      }
      return reply(response, 400, {
        __type: 'com.amazonaws.sqs#UnsupportedOperation',
        message: `${target} is not supported locally`,
      });
    })().catch((error: unknown) => reply(response, 500, { __type: 'InternalError', message: String(error) }));
  });
  const port = await listen(server, host, options.port ?? 0, 'local SQS', 'TRELLIS_SQS_PORT');
  endpoint = `http://${host}:${port}`;
  return {
    endpoint,
    queueUrl: (name) => `${endpoint}/${accountId}/${name}`,
    stop: () => closeServer(server),
  };
}
