import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDev } from '../../bin/local/run-dev.ts';
import { launchChromium } from './chromium.ts';
import { axeViolations, type DemoDev, startDemoDev } from './demo-dev.ts';
import { waitForSignInLink } from './local-inbox.ts';

/*
 * Growing a support system in headless Chromium against `trellis dev` and its demo feeds: the demo
 * reader Ana (Kubernetes, DevOps, security; Berlin) signs in, finds a person worth meeting (the demo
 * feed names the chair of Platform Engineering Day, who also speaks at an online roundtable), adds
 * her as a potential mentor, finds the organization behind her events and marks a membership with
 * its renewal date. axe finds no WCAG 2.1 A/AA violation on the new pages; both fit 360 px.
 */

const reader = 'ana@example.org';
const stepTimeoutMs = 15_000;
const artifacts = fileURLToPath(new URL('../../test-artifacts/e2e/support-system/', import.meta.url));

let demo: DemoDev | undefined;
let dev: RunningDev | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

function running(): RunningDev {
  if (!dev) throw new Error('trellis dev did not start');
  return dev;
}

function signedIn(): Page {
  if (!page) throw new Error('the reader did not sign in');
  return page;
}

beforeAll(async () => {
  await rm(artifacts, { recursive: true, force: true });
  await mkdir(artifacts, { recursive: true });
  browser = await launchChromium();
  demo = await startDemoDev('support');
  dev = demo.dev;
  const context = await browser.newContext({ baseURL: dev.apiUrl });
  context.setDefaultTimeout(stepTimeoutMs);
  page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(reader);
  await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
  await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
  await page.goto(await waitForSignInLink(dev.sesUrl, reader));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Your Trellis' }).waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
}, 60_000);

describe('growing a support system in a browser (headless Chromium)', () => {
  it('shows a person worth meeting with why, and adds her as a potential mentor', async () => {
    const on = signedIn();
    await on.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await on.getByRole('heading', { name: 'People worth meeting' }).waitFor();
    const person = on
      .getByRole('listitem')
      .filter({ has: on.getByRole('heading', { name: 'Dr. Lena Hoffmann' }) });
    expect(await person.textContent()).toContain('Platform Engineering Day');
    await on.screenshot({ path: join(artifacts, 'people.png'), fullPage: true });
    expect(await axeViolations(on)).toEqual([]);

    // The visually hidden part is positioned, so Chromium reads it as a block: a space before the colon.
    await person.getByRole('button', { name: /^Add as potential mentor ?: Dr\. Lena Hoffmann$/ }).click();
    expect(await on.getByRole('status').textContent()).toContain('Added as a potential mentor');
    await on.goto('/contacts');
    const contact = on
      .getByRole('listitem')
      .filter({ has: on.getByRole('link', { name: 'Dr. Lena Hoffmann' }) });
    expect(await contact.textContent()).toContain('Potential mentor · To reach out');
  }, 60_000);

  it('shows the organization behind the reader’s events, and marks a membership with its renewal date', async () => {
    const on = signedIn();
    await on.getByRole('navigation').getByRole('link', { name: 'Organizations' }).click();
    await on.getByRole('heading', { name: 'Organizations', level: 1 }).waitFor();
    const organization = on
      .getByRole('listitem')
      .filter({ has: on.getByRole('heading', { name: 'Berlin Tech Community' }) });
    expect(await organization.count()).toBeGreaterThan(0);
    expect(await axeViolations(on)).toEqual([]);
    const renewal = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);
    await organization
      .first()
      .getByLabel('Membership renews on (optional): Berlin Tech Community')
      .fill(renewal);
    await organization.first().getByRole('button', { name: 'I’m a member of Berlin Tech Community' }).click();
    await on.getByRole('heading', { name: 'Your memberships' }).waitFor();
    expect(await on.locator('main').textContent()).toContain('Berlin Tech Community');
    await on.screenshot({ path: join(artifacts, 'organizations.png'), fullPage: true });
  }, 60_000);

  it('fits the new pages on a phone screen without sideways scrolling', async () => {
    if (!browser) throw new Error('Chromium did not start');
    const phone = await browser.newContext({
      baseURL: running().apiUrl,
      viewport: { width: 360, height: 740 },
      storageState: await signedIn().context().storageState(),
    });
    const on = await phone.newPage();
    for (const path of ['/people', '/organizations']) {
      await on.goto(path);
      const widths = await on.locator('html').evaluate((html) => ({
        content: html.scrollWidth,
        viewport: html.ownerDocument.defaultView?.innerWidth ?? 0,
      }));
      expect({ path, ...widths }).toEqual({ path, content: widths.viewport, viewport: 360 });
    }
    await phone.close();
  }, 60_000);
});
