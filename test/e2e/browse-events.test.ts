import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDev } from '../../bin/local/run-dev.ts';
import { launchChromium } from './chromium.ts';
import { axeViolations, type DemoDev, startDemoDev } from './demo-dev.ts';
import { waitForSignInLink } from './local-inbox.ts';

/*
 * A visitor who is not signed in, in headless Chromium against `trellis dev`: browses /events in the
 * zone their browser's language suggests, filters by a topic, opens an event (its time in their zone
 * and in the event's own), signs up from there (the sign-up page guesses their zone: the browser's own,
 * by the page's one script), saves the event from its page and finds it in their calendar feed. Every
 * new page passes axe (WCAG 2.1 A and AA) and fits a 360 px phone. Screenshots of every step are kept.
 */

const address = 'mara.browse@example.org';
const stepTimeoutMs = 15_000;
/** The browser's zone (what the page's script reads) differs from the language's first guess (New York). */
const browserZone = 'America/Chicago';
const artifacts = fileURLToPath(new URL('../../test-artifacts/e2e/browse-events/', import.meta.url));
const bareInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

let demo: DemoDev | undefined;
let dev: RunningDev | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page | undefined;
/** The event's page, found by browsing. */
let eventPath = '';

function running(): RunningDev {
  if (!dev) throw new Error('trellis dev did not start');
  return dev;
}

function tab(): Page {
  if (!page) throw new Error('the browser did not open a page');
  return page;
}

async function screenshot(on: Page, name: string) {
  await on.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

beforeAll(async () => {
  await rm(artifacts, { recursive: true, force: true });
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
  demo = await startDemoDev('browse');
  dev = demo.dev;
  // An American English browser in Chicago: Accept-Language en-US, and Intl's zone America/Chicago.
  context = await browser.newContext({ baseURL: dev.apiUrl, locale: 'en-US', timezoneId: browserZone });
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  page = await context.newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
}, 60_000);

describe('browsing events as a visitor, then signing up and saving one (headless Chromium)', () => {
  it("lists the upcoming events by day in the zone of the browser's language, a weekly series once", async () => {
    const on = tab();
    await on.goto('/events');
    await on.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    const main = (await on.locator('main').textContent()) ?? '';
    expect(main).toContain('Times are in America/New York');
    expect(main).toMatch(/every \w+day, \d{2}:00 · next/);
    expect(await on.getByRole('link', { name: 'Kubernetes Berlin Meetup', exact: true }).count()).toBe(1);
    expect(main).not.toMatch(bareInstant);
    await screenshot(on, '1-events');
    expect(await axeViolations(on)).toEqual([]);
  }, 60_000);

  it('filters by a topic and opens an event: its time in the zone shown and in its own', async () => {
    const on = tab();
    await on.getByLabel('Topic', { exact: true }).selectOption({ label: 'DevOps & SRE' });
    await on.getByRole('button', { name: 'Show events' }).click();
    await on.waitForURL(/topic=devops/);
    const main = (await on.locator('main').textContent()) ?? '';
    expect(main).toContain('Platform Engineering Day');
    expect(main).not.toContain('Women in Cloud Breakfast');
    await screenshot(on, '2-filtered');
    expect(await axeViolations(on)).toEqual([]);

    await on.getByRole('link', { name: 'Platform Engineering Day' }).first().click();
    await on.getByRole('heading', { name: 'Platform Engineering Day', level: 1 }).waitFor();
    eventPath = new URL(on.url()).pathname;
    expect(eventPath).toMatch(/^\/events\/evt_[0-9a-f]{20}$/);
    const event = (await on.locator('main').textContent()) ?? '';
    expect(event).toMatch(/\d{2}:30–\d{2}:00 E[SD]T\s*\(your time, America\/New York\)/);
    expect(event).toMatch(/09:30–17:00 CES?T\s*\(local time, Europe\/Berlin\)/);
    expect(await on.getByRole('link', { name: /^Map/ }).getAttribute('href')).toMatch(
      /^https:\/\/www\.openstreetmap\.org\/search\?query=Kulturbrauerei/,
    );
    expect(await on.getByRole('link', { name: 'Download this event (.ics)' }).getAttribute('href')).toBe(
      `${eventPath}.ics`,
    );
    expect(event).not.toMatch(bareInstant);
    await screenshot(on, '3-event');
    expect(await axeViolations(on)).toEqual([]);
  }, 60_000);

  it('signs up from the event page; the sign-up page selects the browser’s own zone', async () => {
    const on = tab();
    await on.getByRole('link', { name: 'Sign in to save' }).click();
    await on.getByLabel('Email address').fill(address);
    await on.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await on.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    const link = await waitForSignInLink(running().sesUrl, address);
    await on.goto(link);
    await on.getByRole('heading', { name: 'Sign in?' }).waitFor();
    // The server's guess from the language is New York; the page's script picked the browser's zone.
    expect(await on.getByLabel('Your time zone').inputValue()).toBe(browserZone);
    await screenshot(on, '4-sign-up-zone');
    expect(await axeViolations(on)).toEqual([]);
    await on.getByRole('button', { name: 'Sign in' }).click();
    await on.getByRole('heading', { name: 'Your Trellis' }).waitFor();

    await on.getByRole('navigation', { name: 'Trellis' }).getByRole('link', { name: 'Interests' }).click();
    expect(await on.getByLabel('Time zone').inputValue()).toBe(browserZone);
  }, 60_000);

  it('saves the event from its page and finds it in the calendar feed', async () => {
    const on = tab();
    await on.getByRole('navigation', { name: 'Trellis' }).getByRole('link', { name: 'Events' }).click();
    await on.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
    await screenshot(on, '5-events-signed-in');
    expect(await axeViolations(on)).toEqual([]);
    await on.goto(eventPath);
    expect((await on.locator('main').textContent()) ?? '').toMatch(
      /\d{2}:30–\d{2}:00 C[SD]T\s*\(your time, America\/Chicago\)/,
    );
    await on.getByRole('button', { name: 'Add to my calendar' }).click();
    expect(await on.getByRole('status').textContent()).toContain('Added to your calendar');
    await screenshot(on, '6-saved');
    expect(await axeViolations(on)).toEqual([]);

    await on.getByRole('navigation', { name: 'Trellis' }).getByRole('link', { name: 'Calendar' }).click();
    const feedUrl = await on.getByLabel('Feed URL to copy').inputValue();
    const feed = await fetch(feedUrl, { signal: AbortSignal.timeout(stepTimeoutMs) });
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('SUMMARY:Platform Engineering Day');
  }, 60_000);

  it('has no axe violation on the topic, organization, topics, overview and not-found pages', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const anonymous = await (
      await browser.newContext({ baseURL: running().apiUrl, locale: 'de-DE' })
    ).newPage();
    const found: { path: string; rule: string; targets: string[] }[] = [];
    const pages: [Page, string][] = [
      [anonymous, '/'],
      [anonymous, '/topics'],
      [anonymous, '/topics/devops'],
      [anonymous, '/organizations/berlin-tech-community'],
      [anonymous, '/events/evt_00000000000000000000'],
      [anonymous, eventPath],
      [tab(), '/'],
      [tab(), '/topics/devops'],
      [tab(), '/organizations/berlin-tech-community'],
    ];
    for (const [on, path] of pages) {
      await on.goto(path);
      expect((await on.locator('main').textContent()) ?? '', path).not.toMatch(bareInstant);
      for (const violation of await axeViolations(on)) found.push({ path, ...violation });
    }
    await screenshot(anonymous, '7-not-found');
    expect(found).toEqual([]);
  }, 90_000);

  it('fits every new page on a 360 px phone without sideways scrolling', async () => {
    if (!browser || !context) throw new Error('Chromium did not start');
    const phone = await browser.newContext({
      baseURL: running().apiUrl,
      viewport: { width: 360, height: 740 },
      locale: 'en-US',
      timezoneId: browserZone,
    });
    phone.setDefaultTimeout(stepTimeoutMs);
    const anonymous = await phone.newPage();
    const signedIn = await (
      await browser.newContext({
        baseURL: running().apiUrl,
        viewport: { width: 360, height: 740 },
        storageState: await context.storageState(),
      })
    ).newPage();
    const paths = [
      '/',
      '/events',
      '/events?topic=devops',
      eventPath,
      '/topics',
      '/topics/devops',
      '/organizations/berlin-tech-community',
    ];
    for (const [name, on] of [
      ['anonymous', anonymous],
      ['signed-in', signedIn],
    ] as const) {
      for (const path of paths) {
        await on.goto(path);
        const widths = await on.locator('html').evaluate((root) => ({
          content: root.scrollWidth,
          viewport: root.ownerDocument.defaultView?.innerWidth ?? 0,
        }));
        expect({ path, name, ...widths }).toEqual({ path, name, content: widths.viewport, viewport: 360 });
      }
      await screenshot(on, `phone-${name}-event`);
    }
    await phone.close();
  }, 90_000);
});
