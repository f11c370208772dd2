import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDev } from '../../bin/local/run-dev.ts';
import { launchChromium } from './chromium.ts';
import { axeViolations, type DemoDev, startDemoDev } from './demo-dev.ts';
import { inboxOf, signInSubject, waitForSignInLink } from './local-inbox.ts';

/*
 * A new person's first visit to `trellis dev` in headless Chromium, with no command line: asks for a
 * sign-in link, opens it from the (local SES) inbox, confirms, finds the welcome mail, sets interests,
 * adds a mentor, previews the digest, copies the calendar URL and fetches it. The signed-in browser
 * also calls the JSON API, and a second person in another browser context cannot read or change the
 * first one's data through the pages or the API. Screenshots of every step are kept.
 */

const firstAddress = 'lena.browser@example.org';
const secondAddress = 'omar.browser@example.org';
/** `trellis dev`'s admin when ADMIN_EMAILS is not set. */
const localAdminAddress = 'admin@example.org';
const stepTimeoutMs = 15_000;
/** Screenshots of each step, kept for a person to look at when a run fails (git-ignored). */
const artifacts = fileURLToPath(new URL('../../test-artifacts/e2e/sign-in-browser/', import.meta.url));

let demo: DemoDev | undefined;
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
  demo = await startDemoDev('browser');
  dev = demo.dev;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
}, 60_000);

describe('signing in to Trellis in a browser (headless Chromium)', () => {
  it('signs a new address in with the emailed link and shows the account with its calendar feed', async () => {
    const page = await signInWithBrowser(await newContext(), firstAddress, 'first-user');
    firstPage = page;

    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/account?firstSignIn=1');
    expect(await page.getByRole('status').textContent()).toBe('Your address is confirmed. Welcome!');
    expect(await page.locator('main strong').textContent()).toBe(firstAddress);
    expect(await page.getByRole('link', { name: 'Choose your interests' }).getAttribute('href')).toBe(
      '/profile',
    );

    // The local inbox holds the sign-in link and, once the address is confirmed, the welcome mail.
    const subjects = (await inboxOf(running().sesUrl, firstAddress)).map((mail) => mail.subject);
    expect(subjects).toEqual([signInSubject, 'Welcome to Trellis: your address is confirmed']);
  }, 60_000);

  it('sets interests on the profile page', async () => {
    const page = signedIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Interests' }).click();
    await page.getByRole('heading', { name: 'Your interests' }).waitFor();
    await page.getByLabel('Your name').fill('Lena Browser');
    const topics = page.getByRole('group', { name: 'Topics you care about' });
    for (const topic of ['Kubernetes', 'DevOps & SRE', 'Cloud'])
      await topics.getByLabel(topic, { exact: true }).check();
    await page.getByLabel('Keywords').fill('platform engineering');
    await page.getByLabel('Places for in-person events').fill('Berlin, Germany');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    // Due within a day, so the demo events six days ahead are in the digest whatever today is.
    const tomorrow = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'Europe/Berlin' })
      .format(new Date(Date.now() + 86_400_000))
      .toLowerCase();
    await page.getByLabel('Day', { exact: true }).selectOption(tomorrow);
    await page.getByLabel('Hour', { exact: true }).selectOption('0');
    await screenshot(page, 'first-user-5-interests');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByRole('status').textContent()).toBe('Your interests are saved.');
    expect(await page.getByLabel('Time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByLabel('Keywords').inputValue()).toBe('platform engineering');
  }, 60_000);

  it('adds a mentor on the contacts page', async () => {
    const page = signedIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Contacts' }).click();
    await page
      .getByRole('heading', { name: /contacts/i })
      .first()
      .waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Jonas Weber');
    await page.getByLabel('Relationship').selectOption('mentor');
    await page.getByLabel('Last talked on (optional)').fill('2026-06-01');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('status').waitFor();
    await screenshot(page, 'first-user-6-contacts');
    expect(await page.locator('main').textContent()).toContain('Jonas Weber');
    expect(await page.locator('main').textContent()).toMatch(/overdue/i);
  }, 60_000);

  it("previews this week's digest with the matched events and the mentor who is due", async () => {
    const page = signedIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Digest preview' }).click();
    await page.getByRole('heading', { name: "This week's digest" }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain('No digest would be sent');
    expect(await page.locator('#digest-subject').textContent()).toMatch(/event/);
    const email = page.frameLocator('iframe[title="The digest email"]');
    await email.getByText('Platform Engineering Day').first().waitFor();
    await email.getByText('Jonas Weber').first().waitFor();
    await screenshot(page, 'first-user-7-digest-preview');

    // "Add to my calendar" from the digest, as a reader would follow it: the link asks, the button saves.
    const saveLink = await email
      .getByRole('link', { name: 'Add to my calendar: Platform Engineering Day' })
      .getAttribute('href');
    expect(saveLink).toMatch(new RegExp(`^${running().apiUrl}/a/`));
    await page.goto(saveLink ?? '');
    await page.getByRole('heading', { name: 'Add this event to your calendar?' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add to my calendar' }).click();
    await page.getByRole('heading', { name: 'Saved' }).waitFor();
    await screenshot(page, 'first-user-7b-saved');
    const subjects = (await inboxOf(running().sesUrl, firstAddress)).map((mail) => mail.subject);
    expect(subjects).toContainEqual(expect.stringMatching(/^Invitation: Platform Engineering Day/));
    // The confirmation pages have no navigation (they work without a session): back to the account.
    await page.goto('/account');
  }, 60_000);

  it('copies the calendar URL from the calendar page and fetches the feed', async () => {
    const page = signedIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { name: 'Your calendar' }).waitFor();
    const feedUrl = await page.getByLabel('Feed URL to copy').inputValue();
    expect(feedUrl).toMatch(new RegExp(`^${running().apiUrl}/cal/[A-Za-z0-9_-]+\\.ics$`));
    const webcal = await page
      .getByRole('link', { name: 'Subscribe in your calendar app' })
      .getAttribute('href');
    expect(webcal).toBe(feedUrl.replace(/^http:/, 'webcal:'));
    await screenshot(page, 'first-user-8-calendar');

    const feed = await fetch(feedUrl, { signal: AbortSignal.timeout(stepTimeoutMs) });
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    const body = await feed.text();
    expect(body.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(body).toContain('Platform Engineering Day');
    expect(body).toContain('Jonas Weber');
    expect(await page.locator('main').textContent()).toContain('Events you saved');
    expect(
      await page
        .getByRole('button', { name: /^Remove from my calendar\W+Platform Engineering Day$/ })
        .count(),
    ).toBe(1);
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

    // Nor through the pages: the contact's page is a 404, its forms change nothing, the list is their own.
    const contactPage = await second.goto(`/contacts/${encodeURIComponent(contact.id)}`);
    expect(contactPage?.status()).toBe(404);
    await screenshot(second, 'second-user-1-foreign-contact');
    const ownCsrf = await second
      .goto('/contacts')
      .then(() => second.locator('input[name="csrf"]').first().inputValue());
    expect(await second.locator('main').textContent()).not.toContain('Jonas');
    const talked = await second.request.post(`/contacts/${encodeURIComponent(contact.id)}/talked`, {
      form: { csrf: ownCsrf },
      maxRedirects: 0,
    });
    expect(talked.status()).toBe(404);

    const firstContacts = await browserFetch(first, '/api/contacts');
    expect(firstContacts.status).toBe(200);
    expect(
      (firstContacts.body as { contacts: { id: string; name: string }[] }).contacts.map(({ id, name }) => ({
        id,
        name,
      })),
    ).toContainEqual({ id: contact.id, name: 'Jonas' });
  }, 60_000);

  it('takes a suggested feed from a person to an admin, who approves it and sees its health', async () => {
    const page = signedIn();
    await page.getByRole('navigation').getByRole('link', { name: 'Sources' }).click();
    await page.getByLabel('Feed URL').fill('https://events.example.org/community.ics');
    await page.getByLabel('Organization (optional)').fill('Example Community');
    await page.getByRole('button', { name: 'Suggest this feed' }).click();
    expect(await page.getByRole('status').textContent()).toContain('waiting for an admin');
    // Not an admin: no approve buttons, and the admin API says 403.
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect((await browserFetch(page, '/api/sources')).status).toBe(403);

    const admin = await signInWithBrowser(await newContext(), localAdminAddress, 'admin');
    await admin.goto('/sources');
    await admin.getByText('https://events.example.org/community.ics').first().waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await screenshot(admin, 'admin-1-waiting');
    await admin.getByRole('button', { name: 'Approve' }).first().click();
    expect(await admin.getByRole('status').textContent()).toContain('Approved');
    await admin
      .getByRole('region', { name: /Sources/ })
      .getByText('Example Community')
      .waitFor();
    await screenshot(admin, 'admin-2-approved');
    // Approved means fetched at once, not at the next scheduled dispatch: the attempt shows within seconds.
    let lastFetchAt: string | null = null;
    for (let attempt = 0; attempt < 40 && lastFetchAt === null; attempt += 1) {
      const sources = await browserFetch(admin, '/api/sources');
      expect(sources.status).toBe(200);
      lastFetchAt =
        (sources.body as { sources: { url: string; health: { lastFetchAt: string | null } }[] }).sources.find(
          (source) => source.url === 'https://events.example.org/community.ics',
        )?.health.lastFetchAt ?? null;
      if (lastFetchAt === null) await admin.waitForTimeout(250);
    }
    expect(lastFetchAt).not.toBeNull();
  }, 60_000);

  it('has no WCAG 2.1 A or AA violation that axe-core finds, on every page', async () => {
    const page = signedIn();
    const contactHref =
      (await (await page.goto('/contacts'))?.text())?.match(/href="(\/contacts\/con_[0-9a-f]+)"/)?.[1] ?? '';
    expect(contactHref).not.toBe('');
    const anonymous = await (await newContext()).newPage();
    const pages: [Page, string][] = [
      [anonymous, '/'],
      [anonymous, '/sign-in'],
      [page, '/account'],
      [page, '/profile'],
      [page, '/contacts'],
      [page, contactHref],
      [page, '/calendar'],
      [page, '/digest'],
      [page, '/digest/email.html'],
      [page, '/sources'],
    ];
    const found: { path: string; rule: string; targets: string[] }[] = [];
    for (const [tab, path] of pages) {
      await tab.goto(path);
      // The digest's frame runs no scripts (sandboxed), so axe cannot enter it: the email is checked on its own.
      if (path === '/digest') await tab.locator('iframe').evaluate((frame) => frame.remove());
      for (const violation of await axeViolations(tab)) found.push({ path, ...violation });
    }
    // A form sent with mistakes: the problems and the marked fields must be accessible too.
    await page.goto('/profile');
    await page.getByLabel('Places for in-person events').fill('Nowhere (95, 10, 5 km)');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').waitFor();
    for (const violation of await axeViolations(page)) found.push({ path: '/profile (400)', ...violation });
    expect(found).toEqual([]);
  }, 90_000);

  it('removes the saved event from the calendar page and mails the cancellation', async () => {
    const page = signedIn();
    await page.goto('/calendar');
    await page.getByRole('button', { name: /^Remove from my calendar\W+Platform Engineering Day$/ }).click();
    expect(await page.getByRole('status').textContent()).toBe('The event is removed from your calendar.');
    await screenshot(page, 'first-user-9-removed');
    const subjects = (await inboxOf(running().sesUrl, firstAddress)).map((mail) => mail.subject);
    expect(subjects.filter((subject) => subject.includes('Platform Engineering Day'))).toHaveLength(2);
    expect(subjects.at(-1)).toMatch(/Platform Engineering Day/);
  }, 60_000);

  it('fits every signed-in page on a phone screen without sideways scrolling', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const phone = await browser.newContext({
      baseURL: running().apiUrl,
      viewport: { width: 360, height: 740 },
      storageState: await signedIn().context().storageState(),
    });
    phone.setDefaultTimeout(stepTimeoutMs);
    const page = await phone.newPage();
    for (const path of ['/account', '/profile', '/contacts', '/calendar', '/digest', '/sources']) {
      await page.goto(path);
      const widths = await page.locator('html').evaluate((root) => ({
        content: root.scrollWidth,
        viewport: root.ownerDocument.defaultView?.innerWidth ?? 0,
      }));
      expect({ path, ...widths }).toEqual({ path, content: widths.viewport, viewport: 360 });
      await screenshot(page, `phone${path.replace('/', '-')}`);
    }
    await phone.close();
  }, 60_000);

  it('lets a keyboard user skip to the content, Tab to the labelled email field and see where the focus is', async () => {
    const page = await (await newContext()).newPage();
    await page.goto('/sign-in');
    const label = page.locator('label[for="email"]');
    expect(await label.isVisible()).toBe(true);
    expect(await label.textContent()).toBe('Email address');

    // The first Tab shows the skip link; following it lands in the main content, before the form.
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    expect(await skip.evaluate((element) => element === element.ownerDocument.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.x >= 0 && box.y >= 0).toBe(true);
    await page.keyboard.press('Enter');
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
