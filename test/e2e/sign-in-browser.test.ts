import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDev, startDev } from '../../bin/local/run-dev.ts';
import { silentLogger } from '../../shared/log/logger.ts';
import { launchChromium } from './chromium.ts';
import { waitForSignInLink } from './local-inbox.ts';

/*
 * A person signs in to `trellis dev` in headless Chromium: asks for a link, opens it from the (local SES)
 * inbox, confirms, and lands on the account page; then the signed-in browser calls the JSON API, and a
 * second person in another browser context cannot reach the first one's contact.
 */

const firstAddress = 'lena.browser@example.org';
const secondAddress = 'omar.browser@example.org';
const stepTimeoutMs = 15_000;
/** Screenshots of each step, kept for a person to look at when a run fails (git-ignored). */
const artifacts = fileURLToPath(new URL('../../test-artifacts/e2e/sign-in-browser/', import.meta.url));

let root: string;
let dev: RunningDev | undefined;
let browser: Browser | undefined;
let firstPage: Page | undefined;

function running(): RunningDev {
  if (!dev) throw new Error('trellis dev did not start');
  return dev;
}

function signedIn(): Page {
  if (!firstPage) throw new Error('the first user did not sign in');
  return firstPage;
}

async function newContext(): Promise<BrowserContext> {
  if (!browser) throw new Error('Chromium did not start');
  // The pages' CSP (default-src 'none') also forbids fetch() from the page, which page.evaluate uses
  // here to stand in for the pages' scripts to come; the cookies and same-origin rules still apply.
  const context = await browser.newContext({ baseURL: running().apiUrl, bypassCSP: true });
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  return context;
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

interface BrowserResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly csrf: string | null;
  readonly body: unknown;
}

/** fetch() from inside the page, with the browser's own cookies, as the pages' scripts will call the API. */
function browserFetch(
  page: Page,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<BrowserResponse> {
  return page.evaluate(
    async ({ path, init }) => {
      const response = await fetch(path, init);
      const text = await response.text();
      return {
        status: response.status,
        contentType: response.headers.get('content-type'),
        csrf: response.headers.get('x-csrf-token'),
        body: text === '' ? null : JSON.parse(text),
      };
    },
    { path, init },
  );
}

/** The whole sign-in in one browser context: ask for a link, open it from the inbox, confirm. */
async function signInWithBrowser(context: BrowserContext, email: string, shots: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto('/sign-in');
  await screenshot(page, `${shots}-1-sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await screenshot(page, `${shots}-2-link-sent`);

  const link = await waitForSignInLink(running().sesUrl, email);
  expect(link.startsWith(`${running().apiUrl}/sign-in/`)).toBe(true);
  await page.goto(link);
  await page.getByRole('heading', { name: 'Sign in?' }).waitFor();
  await screenshot(page, `${shots}-3-confirm`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your Trellis' }).waitFor();
  await screenshot(page, `${shots}-4-account`);
  return page;
}

beforeAll(async () => {
  await rm(artifacts, { recursive: true, force: true });
  await mkdir(artifacts, { recursive: true });
  // Fail at once, with the install hint, when Chromium is missing.
  browser = await launchChromium();
  root = await mkdtemp(join(tmpdir(), 'trellis-e2e-browser-'));
  dev = await startDev(
    {
      dataDir: join(root, 'trellis'),
      host: '127.0.0.1',
      apiPort: 0,
      dynamoPort: 0,
      sesPort: 0,
      feedsPort: 0,
      ingestEveryMinutes: 60,
      allowLoopbackFeeds: false,
      tableName: 'trellis',
      logLevel: 'error',
    },
    silentLogger,
  );
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  if (root) await rm(root, { recursive: true, force: true });
}, 60_000);

describe('signing in to Trellis in a browser (headless Chromium)', () => {
  it('signs a new address in with the emailed link and shows the account with its calendar feed', async () => {
    const page = await signInWithBrowser(await newContext(), firstAddress, 'first-user');
    firstPage = page;

    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/account?firstSignIn=1');
    expect(await page.getByRole('status').textContent()).toBe('Your address is confirmed. Welcome!');
    expect(await page.locator('main strong').textContent()).toBe(firstAddress);

    const feedUrl = (await page.locator('code#calendar-url').textContent()) ?? '';
    expect(feedUrl).toMatch(new RegExp(`^${running().apiUrl}/cal/[A-Za-z0-9_-]+\\.ics$`));
    const webcal = await page.getByRole('link', { name: 'Subscribe (webcal)' }).getAttribute('href');
    expect(webcal).toBe(feedUrl.replace(/^http:/, 'webcal:'));

    const feed = await fetch(feedUrl, { signal: AbortSignal.timeout(stepTimeoutMs) });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect((await feed.text()).startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
  }, 60_000);

  it('answers GET /api/me in the signed-in browser with that address and a CSRF token', async () => {
    const me = await browserFetch(signedIn(), '/api/me');
    expect(me.status).toBe(200);
    expect(me.csrf).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(me.body).toMatchObject({ profile: { email: firstAddress, emailConfirmed: true } });
  }, 30_000);

  it("gives a second user their own /api/me and a 404 for the first user's contact", async () => {
    const first = signedIn();
    const firstCsrf = (await browserFetch(first, '/api/me')).csrf ?? '';
    const created = await browserFetch(first, '/api/contacts', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': firstCsrf },
      body: JSON.stringify({ name: 'Jonas', relationship: 'mentor' }),
    });
    expect(created.status).toBe(201);
    const contact = (created.body as { contact: { id: string; name: string } }).contact;
    expect(contact.name).toBe('Jonas');

    const second = await signInWithBrowser(await newContext(), secondAddress, 'second-user');
    const secondMe = await browserFetch(second, '/api/me');
    expect(secondMe.status).toBe(200);
    expect(secondMe.body).toMatchObject({ profile: { email: secondAddress } });
    expect(secondMe.csrf).not.toBe(firstCsrf);

    const trespass = await browserFetch(second, `/api/contacts/${encodeURIComponent(contact.id)}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': secondMe.csrf ?? '' },
      body: JSON.stringify({ name: 'Mallory' }),
    });
    expect(trespass).toMatchObject({
      status: 404,
      contentType: 'application/problem+json',
      body: { type: 'about:blank', title: 'No such contact', status: 404 },
    });

    const firstContacts = await browserFetch(first, '/api/contacts');
    expect(firstContacts.status).toBe(200);
    expect(
      (firstContacts.body as { contacts: { id: string; name: string }[] }).contacts.map(({ id, name }) => ({
        id,
        name,
      })),
    ).toEqual([{ id: contact.id, name: 'Jonas' }]);
  }, 60_000);

  it('lets a keyboard user Tab to the labelled email field and shows where the focus is', async () => {
    const page = await (await newContext()).newPage();
    await page.goto('/sign-in');
    const label = page.locator('label[for="email"]');
    expect(await label.isVisible()).toBe(true);
    expect(await label.textContent()).toBe('Email address');

    await page.keyboard.press('Tab');
    const field = page.getByLabel('Email address');
    const focus = await field.evaluate((element) => {
      const style = element.ownerDocument.defaultView?.getComputedStyle(element);
      return {
        focused: element === element.ownerDocument.activeElement,
        outline: `${style?.outlineStyle} ${style?.outlineWidth}`,
      };
    });
    await screenshot(page, 'keyboard-1-email-focused');
    expect(focus).toEqual({ focused: true, outline: 'solid 3px' });

    await page.keyboard.press('Tab');
    expect(
      await page
        .getByRole('button', { name: 'Email me a sign-in link' })
        .evaluate((element) => element === element.ownerDocument.activeElement),
    ).toBe(true);
  }, 30_000);
});
