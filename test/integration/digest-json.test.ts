import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DigestSelection } from '../../shared/digest/digest-selection.ts';
import { planSourceSync } from '../../shared/events/plan-source-sync.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createEventStore } from '../../shared/store/event-store.ts';
import { eventEntry } from '../support/event-entries.ts';

const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));
// The CLI's own mode on the run's DynamoDB Local, in a table of this file's.
const dynamoEndpoint = inject('dynamoEndpoint');
const tableName = `digest-json-${randomUUID().slice(0, 8)}`;
// Monday 4 March 2030, 08:00 in Berlin.
const now = '2030-03-04T07:00:00Z';
let dir: string;

function trellis(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      {
        env: {
          ...process.env,
          TRELLIS_DATA_DIR: join(dir, 'data'),
          TRELLIS_DYNAMO_ENDPOINT: dynamoEndpoint,
          TABLE_NAME: tableName,
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        resolve({
          code: error ? Number((error as NodeJS.ErrnoException & { code?: number }).code ?? 1) : 0,
          stdout,
          stderr,
        });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'trellis-digest-json-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('trellis digest --dry-run --json', () => {
  it('prints the selection as data: the window, sections, events with reasons, a series once, the calls closing soon', async () => {
    const added = await trellis([
      'users',
      'add',
      'ada@example.org',
      '--name',
      'Ada Lovelace',
      '--tz',
      'Europe/Berlin',
      '--topics',
      'kubernetes',
      '--city',
      'Berlin/Germany',
      '--confirmed',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);

    const client = createDocumentClient({ endpoint: dynamoEndpoint });
    try {
      const events = createEventStore(client, tableName);
      const meetup = (id: string, start: string) =>
        eventEntry(id, {
          title: 'Kubernetes Meetup',
          description: 'Two talks on running clusters. Pizza after.',
          start,
          end: null,
          tags: ['kubernetes'],
        });
      const at = new Date(now);
      await events.applySourceSync(
        'src_digestjson',
        planSourceSync(
          new Map(),
          [
            meetup('mar-06', '2030-03-06T18:00:00Z'),
            meetup('mar-13', '2030-03-13T18:00:00Z'),
            eventEntry('kubecon', {
              title: 'KubeCon Europe',
              start: '2030-06-10',
              end: '2030-06-12',
              allDay: true,
              timeZone: null,
              tags: ['kubernetes'],
              callForSpeakers: { url: 'https://cfp.example/kubecon', closesOn: '2030-03-10' },
            }),
            eventEntry('knit', { title: 'Knitting Circle', start: '2030-03-07T18:00:00Z', tags: ['crafts'] }),
          ],
          { now: at, allowRemovals: true },
        ),
        at,
      );
    } finally {
      client.destroy();
    }

    const result = await trellis([
      'digest',
      '--user',
      'ada@example.org',
      '--now',
      now,
      '--dry-run',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const selection = JSON.parse(result.stdout) as DigestSelection;
    expect(selection.to).toBe('ada@example.org');
    expect(selection.wouldSend).toBe(true);
    expect(selection.window).toEqual({
      from: '2030-03-04T07:00:00.000Z',
      to: '2030-03-18T07:00:00.000Z',
      timeZone: 'Europe/Berlin',
    });
    const listed = selection.sections.flatMap((section) => section.events);
    expect(listed.map((event) => event.title)).toEqual(['Kubernetes Meetup']);
    const [series] = listed;
    expect(series?.reasons).toEqual(['matches: Kubernetes', 'in Berlin']);
    expect(series?.why).toBe('You follow Kubernetes, and it is in Berlin.');
    expect(series?.blurb).toBe('Two talks on running clusters.');
    expect(series?.laterOccurrences.map((occurrence) => occurrence.start)).toEqual(['2030-03-13T18:00:00Z']);
    expect(selection.callsClosingSoon).toMatchObject([
      { kind: 'call-for-speakers', title: 'KubeCon Europe', closesOn: '2030-03-10', daysLeft: 6 },
    ]);

    const notDry = await trellis(['digest', '--user', 'ada@example.org', '--json']);
    expect(notDry.code).toBe(2);
    expect(notDry.stderr).toContain('--json prints what a digest would hold');
  });
});
