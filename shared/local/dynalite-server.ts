import type { Server } from 'node:http';
import dynalite from 'dynalite';
import { closeServer, listen } from './listen.ts';

export interface LocalDynamo {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** dynalite serving the DynamoDB API on loopback; persisted under `path`, or in memory without one. */
export async function startDynalite(options: {
  host?: string;
  port?: number;
  path?: string | null;
}): Promise<LocalDynamo> {
  const host = options.host ?? '127.0.0.1';
  const server: Server = dynalite({
    ...(options.path ? { path: options.path } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  const port = await listen(server, host, options.port ?? 0, 'DynamoDB (dynalite)', 'TRELLIS_DYNAMO_PORT');
  return { endpoint: `http://${host}:${port}`, stop: () => closeServer(server) };
}
