import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a running `trellis dev` tells other commands (which endpoints to use instead of opening the data itself). */
export interface DevState {
  readonly pid: number;
  readonly startedAt: string;
  readonly dynamoEndpoint: string;
  readonly sesEndpoint: string;
  readonly apiUrl: string;
  readonly feedsBaseUrl: string;
  readonly feedsPort: number;
}

const stateFile = (dataDir: string) => join(dataDir, 'dev.json');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running dev server's state, or null when none runs (a stale file from a crash is ignored). */
export async function readDevState(dataDir: string): Promise<DevState | null> {
  try {
    const state = JSON.parse(await readFile(stateFile(dataDir), 'utf8')) as DevState;
    return state.pid !== process.pid && isAlive(state.pid) ? state : null;
  } catch {
    return null;
  }
}

export const writeDevState = (dataDir: string, state: DevState) =>
  writeFile(stateFile(dataDir), `${JSON.stringify(state, null, 2)}\n`);

export const removeDevState = (dataDir: string) => rm(stateFile(dataDir), { force: true });
