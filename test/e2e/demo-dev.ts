import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { type RunningDev, startDev } from '../../bin/local/run-dev.ts';
import { silentLogger } from '../../shared/log/logger.ts';

/*
 * What the browser tests share: `trellis dev` with its demo data in a folder of its own (free ports,
 * the demo feeds read once), and axe-core against WCAG 2.1 A and AA.
 */

export interface DemoDev {
  readonly dev: RunningDev;
  stop(): Promise<void>;
}

export async function startDemoDev(name: string): Promise<DemoDev> {
  const root = await mkdtemp(join(tmpdir(), `trellis-e2e-${name}-`));
  const dev = await startDev(
    {
      dataDir: join(root, 'trellis'),
      host: '127.0.0.1',
      apiPort: 0,
      dynamoPort: 0,
      dynamoEndpoint: null,
      sesPort: 0,
      feedsPort: 0,
      ingestEveryMinutes: 60,
      allowLoopbackFeeds: false,
      tableName: 'trellis',
      logLevel: 'error',
    },
    silentLogger,
  );
  // The demo feeds, read once, so the pages, the digest and the calendar have events to show.
  await dev.ingestNow();
  return {
    dev,
    async stop() {
      await dev.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** What axe-core finds against WCAG 2.1 A and AA on the page as it is now: rule and elements. */
export async function axeViolations(page: Page): Promise<{ rule: string; targets: string[] }[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.map((violation) => ({
    rule: violation.id,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}
