// Finds the Chromium the end-to-end tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium,
// else the browser Playwright manages, else a one-line error that says how to get one.
import { existsSync } from 'node:fs';

/** Flags that keep Chromium quiet on a machine whose network is closed (see toolchain-notes). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

/** Returns the path of a Chromium executable, or throws with install instructions. */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    // Playwright without a downloaded browser: fall through to the message below.
  }
  throw new Error(
    'No Chromium found: install one (Debian: `apt-get install -y chromium fonts-noto-cjk`; elsewhere: `npx playwright install chromium`) or set CHROMIUM_PATH.',
  );
}
