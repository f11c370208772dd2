import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port the user asked for is busy: say which and how to choose another, instead of a stack trace. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';
}

/** Listen on host:port (0 = any free port); resolves with the port actually bound. */
export function listen(
  server: Server,
  host: string,
  port: number,
  what: string,
  envVar?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        const hint = envVar ? ` Set ${envVar} to a free port.` : '';
        reject(new PortInUseError(`${what}: port ${port} on ${host} is already in use.${hint}`));
      } else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });
}
