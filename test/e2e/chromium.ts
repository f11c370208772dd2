import { access, constants } from 'node:fs/promises';
import { type Browser, chromium } from 'playwright-core';

/** Debian's Chromium; TRELLIS_CHROMIUM points elsewhere (playwright-core downloads no browser of its own). */
export const chromiumPath = process.env.TRELLIS_CHROMIUM ?? '/usr/bin/chromium';

/** The browser the end-to-end test drives is not installed: the test fails, it is never skipped. */
export class MissingBrowserError extends Error {
  override readonly name = 'MissingBrowserError';
}

export const chromiumInstallHint =
  'install Chromium for the browser e2e test: `sudo apt-get install -y --no-install-recommends chromium` (Debian/Ubuntu), or set TRELLIS_CHROMIUM to a Chromium binary';

/** Headless Chromium with no sandbox (CI runs as root) and no calls home, so only loopback traffic. */
export async function launchChromium(): Promise<Browser> {
  try {
    await access(chromiumPath, constants.X_OK);
  } catch {
    throw new MissingBrowserError(`Chromium is not installed at ${chromiumPath}; ${chromiumInstallHint}`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
}
