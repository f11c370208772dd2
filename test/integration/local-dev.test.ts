import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDev, startDev } from '../../bin/local/run-dev.ts';
import type { LocalSettings } from '../../shared/config/local-settings.ts';
import type { Contact } from '../../shared/contacts/contact.ts';
import { nextDueDate } from '../../shared/contacts/next-due-date.ts';
import type { StoredEvent } from '../../shared/events/stored-event.ts';
import { demoSources, isConferenceDataFile } from '../../shared/local/demo-sources.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { createContactRepository } from '../../shared/store/contact-repository.ts';
import { createDocumentClient } from '../../shared/store/dynamo-client.ts';
import { createSourceRepository } from '../../shared/store/source-repository.ts';
import { createUserRepository } from '../../shared/store/user-repository.ts';

let dev: RunningDev;

interface InboxMail {
  destination: { to: string[] };
  subject: string;
  body: { text?: string; html?: string };
}
const inbox = async () =>
  ((await (await fetch(`${dev.sesUrl}/store`)).json()) as { emails: InboxMail[] }).emails;
let dataDir: string;
let settings: LocalSettings;

/** `trellis ingest` in its own process (the CLI talks to a running dev through its data folder). */
function trellisIngest(): Promise<{ stdout: string }> {
  const cli = fileURLToPath(new URL('../../bin/trellis.ts', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'ingest'],
      { env: { ...process.env, TRELLIS_DATA_DIR: dataDir, LOG_LEVEL: 'error' }, timeout: 30_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout }),
    );
  });
}

async function apiEvents(): Promise<StoredEvent[]> {
  const to = new Date(Date.now() + 60 * 86_400_000).toISOString();
  const response = await fetch(`${dev.apiUrl}/api/events?to=${encodeURIComponent(to)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { events: StoredEvent[] }).events;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'trellis-dev-'));
  settings = {
    dataDir,
    host: '127.0.0.1',
    apiPort: 0,
    dynamoPort: 0,
    dynamoEndpoint: null,
    sesPort: 0,
    feedsPort: 0,
    ingestEveryMinutes: 30,
    allowLoopbackFeeds: false,
    tableName: 'trellis',
    logLevel: 'error',
  };
  // The local default admin, whatever the shell running the tests has set.
  delete process.env.ADMIN_EMAILS;
  dev = await startDev(settings, silentLogger);
  await dev.ingestNow();
}, 60_000);

afterAll(async () => {
  await dev?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe('trellis dev (the embedded local runtime)', () => {
  it('seeds the demo sources and ingests all four formats through the real handlers', async () => {
    // GET /api/sources needs the admin role; the sources and their health are read from the table.
    const client = createDocumentClient({ endpoint: dev.dynamoEndpoint });
    const sources = await createSourceRepository(client, settings.tableName).list();
    client.destroy();
    const formats = sources.map((source) => source.health.lastFormat);
    expect([...new Set(formats)].sort()).toEqual([
      'conference-data',
      'icalendar',
      'json-feed',
      'json-ld',
      'rss',
    ]);
    // One source per topic file of the conference data snapshot, besides one demo feed per other format.
    expect(formats.filter((format) => format === 'conference-data')).toHaveLength(
      // The snapshot's topic files and the demo's own conference feed (dates relative to today).
      demoSources.filter((source) => isConferenceDataFile(source.file) || source.file === 'devops.json')
        .length,
    );
    expect(sources.length).toBe(demoSources.length);
    expect(sources.every((source) => source.health.lastError === null)).toBe(true);
  });

  it('gives the admin role to admin@example.org when ADMIN_EMAILS is not set', () => {
    expect(process.env.ADMIN_EMAILS).toBe('admin@example.org');
    expect(dev.adminEmails).toEqual(['admin@example.org']);
  });

  it('keeps one event for the breakfast both the iCalendar and the RSS feed list', async () => {
    const breakfasts = (await apiEvents()).filter((event) => event.title === 'Women in Cloud Breakfast');
    expect(breakfasts).toHaveLength(1);
    expect(breakfasts[0]?.sources).toHaveLength(2);
  });

  it('serves the weekly meetup at 19:00 Berlin time, with its exception and its moved occurrence', async () => {
    const meetups = (await apiEvents()).filter((event) => event.title.startsWith('Kubernetes Berlin Meetup'));
    for (const meetup of meetups) {
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(meetup.start));
      expect(local).toBe(meetup.title.includes('special') ? '18:30' : '19:00');
    }
    expect(meetups.filter((event) => event.title.includes('special'))).toHaveLength(1);
  });

  it('shows the cancelled event as cancelled, in the API and on the overview page', async () => {
    expect((await apiEvents()).find((event) => event.title === 'Data Council Berlin Evening')?.status).toBe(
      'cancelled',
    );
    const page = await fetch(`${dev.apiUrl}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('Platform Engineering Day');
    expect(html).toContain('cancelled');
  });

  it('answers an invalid query with a 400 problem naming the field', async () => {
    const response = await fetch(`${dev.apiUrl}/api/events?from=yesterday`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 400, errors: [{ field: 'from' }] });
  });

  it("puts the demo reader's digest in the local inbox once, however often it is sent this week", async () => {
    await dev.sendDigestNow('ana@example.org');
    await dev.sendDigestNow('ana@example.org');
    const mails = await inbox();
    const ana = mails.filter((mail) => mail.destination.to.some((to) => to.includes('ana@example.org')));
    expect(ana).toHaveLength(1);
    expect(ana[0]?.subject).toMatch(/event/);
    // Platform Engineering Day is six days ahead whatever the time of day (the weekly meetup may have started already).
    expect(ana[0]?.body.text).toContain('Platform Engineering Day');
    // The demo's conference feed has a call for speakers closing in nine days, in Berlin, on DevOps;
    // and the chair of Platform Engineering Day also speaks at the security roundtable.
    expect(ana[0]?.body.text).toContain('Calls for speakers closing soon');
    expect(ana[0]?.body.text).toContain('Platform Engineering Berlin');
    expect(ana[0]?.body.text).toContain('People worth meeting');
    expect(ana[0]?.body.text).toContain('Lena Hoffmann');
  });

  it('records "not interested" only on the POST of its link', async () => {
    const mail = (await inbox()).find((entry) =>
      entry.destination.to.some((to) => to.includes('ana@example.org')),
    );
    const link = /Not interested:\s+(\S+)/.exec(mail?.body.text ?? '')?.[1] ?? '';
    expect(link.startsWith(`${dev.apiUrl}/a/`)).toBe(true);
    const client = createDocumentClient({ endpoint: dev.dynamoEndpoint });
    const users = createUserRepository(client, 'trellis');
    try {
      const question = await (await fetch(link)).text();
      expect(question).toContain('Not interested in this event?');
      expect((await users.getByEmail('ana@example.org'))?.notInterested).toEqual([]);
      const done = await (await fetch(link, { method: 'POST' })).text();
      const marks = (await users.getByEmail('ana@example.org'))?.notInterested ?? [];
      expect(marks).toHaveLength(1);
      const title = /<strong>([^<]+)<\/strong>/.exec(question)?.[1];
      expect(done).toContain(`You will not see <strong>${title}</strong> again.`);
    } finally {
      client.destroy();
    }
  });

  it('opens a one-click unsubscribe link as a question (GET changes nothing) and acts on its POST', async () => {
    const mail = (await inbox()).find((entry) =>
      entry.destination.to.some((to) => to.includes('ana@example.org')),
    );
    const last = /Unsubscribe from this digest:\s+(\S+)/.exec(mail?.body.text ?? '')?.[1] ?? '';
    expect(last.startsWith(`${dev.apiUrl}/a/`)).toBe(true);

    const question = await fetch(last);
    expect(question.status).toBe(200);
    expect(await question.text()).toContain('<form method="post">');
    const again = await fetch(last);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Unsubscribe from the weekly digest?');

    const done = await fetch(last, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('ana@example.org will get no more weekly digests');

    // A character in the middle of the signature: the last one's low bits are padding that decoding ignores.
    const at = last.lastIndexOf('.') + 5;
    const tampered = await fetch(`${last.slice(0, at)}${last[at] === 'A' ? 'B' : 'A'}${last.slice(at + 1)}`);
    expect(tampered.status).toBe(400);
  });

  it('adds an event to the calendar from its digest link, and mails an update when its feed moves it', async () => {
    const mail = (await inbox()).find((entry) =>
      entry.destination.to.some((to) => to.includes('ana@example.org')),
    );
    const links = [...(mail?.body.text ?? '').matchAll(/Add to my calendar:\s+(\S+)/g)].map(
      (match) => match[1] ?? '',
    );
    const pages = await Promise.all(
      links.map(async (link) => ({ link, page: await (await fetch(link)).text() })),
    );
    const platform = pages.find((entry) => entry.page.includes('<strong>Platform Engineering Day</strong>'));
    expect(platform?.page).toContain('Add this event to your calendar?');
    const invitations = async () =>
      (await inbox()).filter((entry) => /invitation: Platform Engineering Day/i.test(entry.subject));
    expect(await invitations()).toEqual([]);

    const done = await fetch(platform?.link ?? '', { method: 'POST' });
    expect(await done.text()).toContain('The invitation is on its way to your inbox.');
    expect((await invitations()).map((entry) => entry.subject)).toEqual([
      expect.stringMatching(/^Invitation: Platform Engineering Day · \w{3} \d+ \w{3}, 09:30–17:00 CET$/),
    ]);
    const feed = await (await fetch((await dev.calendarUrlsFor('ana@example.org')).https)).text();
    expect(feed).toContain('SUMMARY:Platform Engineering Day');
    expect(feed).toMatch(/DESCRIPTION:You saved this event\./);

    // The organizer moves it: the demo feed server serves an edited copy from the data folder.
    const shipped = await readFile(
      new URL('../../shared/local/demo-feeds/berlin-tech.ics', import.meta.url),
      'utf8',
    );
    await mkdir(join(dataDir, 'demo-feeds'), { recursive: true });
    await writeFile(
      join(dataDir, 'demo-feeds', 'berlin-tech.ics'),
      shipped.replace('{{date+6}}T093000', '{{date+6}}T110000'),
    );
    // As a user would: `trellis ingest` fetches every source now, through the running dev's store and inbox.
    const ingest = await trellisIngest();
    expect(ingest.stdout).toMatch(/invitation evt_\w+ → usr_\w+: sent-update/);
    expect((await trellisIngest()).stdout).not.toContain('invitation');
    expect((await invitations()).map((entry) => entry.subject)).toEqual([
      expect.stringMatching(/^Invitation: Platform Engineering Day · .*09:30–17:00 CET$/),
      expect.stringMatching(/^Updated invitation: Platform Engineering Day · .*11:00–17:00 CET$/),
    ]);
    await rm(join(dataDir, 'demo-feeds'), { recursive: true, force: true });
  });

  it('puts today\'s reminder for the due demo mentor in the inbox; its "We talked" link acts only on POST', async () => {
    await dev.sendReminderNow('ana@example.org');
    await dev.sendReminderNow('ana@example.org');
    const reminders = (await inbox()).filter((entry) => entry.subject.startsWith('Time to reconnect'));
    expect(reminders.map((entry) => entry.subject)).toEqual(['Time to reconnect with Jonas Weber']);
    const link = /We talked:\s+(\S+)/.exec(reminders[0]?.body.text ?? '')?.[1] ?? '';
    const client = createDocumentClient({ endpoint: dev.dynamoEndpoint });
    const ana = await createUserRepository(client, 'trellis').getByEmail('ana@example.org');
    const contacts = createContactRepository(client, 'trellis');
    const jonas = async () =>
      (await contacts.listForUser(ana?.id ?? '')).find((contact) => contact.name === 'Jonas Weber');
    try {
      const before = nextDueDate((await jonas()) as Contact);
      expect(await (await fetch(link)).text()).toContain('Did you talk?');
      expect(nextDueDate((await jonas()) as Contact)).toBe(before);
      const done = await fetch(link, { method: 'POST' });
      expect(done.status).toBe(200);
      const after = nextDueDate((await jonas()) as Contact);
      expect(after > before).toBe(true);
      expect(await done.text()).toContain(`Next reminder: ${after}.`);
      expect((await fetch(link, { method: 'POST' })).status).toBe(410);
    } finally {
      client.destroy();
    }
  });

  it('re-ingests without changing anything and tells other commands where it runs', async () => {
    const before = await apiEvents();
    await dev.ingestNow();
    expect(await apiEvents()).toEqual(before);
    const state = JSON.parse(await readFile(join(dataDir, 'dev.json'), 'utf8')) as {
      pid: number;
      apiUrl: string;
    };
    expect(state).toMatchObject({ pid: process.pid, apiUrl: dev.apiUrl });
  });
});
