import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A calendar client the end-to-end test drives is not installed: the test fails, it is never skipped. */
export class MissingCalendarToolError extends Error {
  override readonly name = 'MissingCalendarToolError';
}

export interface ToolResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const installHint =
  'install the calendar clients the e2e test drives: `sudo apt-get install -y khal vdirsyncer` (Debian/Ubuntu)';

/**
 * An environment of its own for the clients: HOME and the XDG folders inside the test's temp folder (so
 * nothing reads or writes the real home), one time zone and locale, and no proxy between them and loopback.
 */
export async function clientEnvironment(root: string, timeZone: string): Promise<NodeJS.ProcessEnv> {
  const home = join(root, 'home');
  const env = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TZ: timeZone,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
  };
  for (const folder of [env.XDG_CONFIG_HOME, env.XDG_DATA_HOME, env.XDG_CACHE_HOME])
    await mkdir(folder, { recursive: true });
  return env;
}

/** Runs a command to its end (or its timeout) and reports how it exited instead of throwing. */
export function runTool(
  command: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { env: options.env, timeout: options.timeoutMs, killSignal: 'SIGKILL', maxBuffer: 4 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && 'code' in error && error.code === 'ENOENT') {
          reject(new MissingCalendarToolError(`${command} is not installed; ${installHint}`));
          return;
        }
        if (error?.killed) {
          reject(
            new Error(`${command} ${args.join(' ')} did not finish in ${options.timeoutMs} ms\n${stderr}`),
          );
          return;
        }
        const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

/** Like runTool, but a non-zero exit is an error carrying the tool's output. */
export async function runToolOrFail(
  command: string,
  args: readonly string[],
  options: { readonly env: NodeJS.ProcessEnv; readonly timeoutMs: number },
): Promise<string> {
  const result = await runTool(command, args, options);
  if (result.exitCode !== 0)
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.exitCode}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  return result.stdout;
}

/** `khal, version 0.10.5` → the version line, failing with the install hint when the tool is missing. */
export async function toolVersion(command: string, env: NodeJS.ProcessEnv): Promise<string> {
  return (await runToolOrFail(command, ['--version'], { env, timeoutMs: 30_000 })).trim();
}
