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

/**
 * The features Playwright 1.65 disables in every Chromium it launches (playwright-core's
 * chromiumSwitches.ts). Chromium honours only the last `--disable-features` switch on a command
 * line, so a browser we launch with one of our own must repeat Playwright's list in it;
 * tests/unit/scripts/chromium.test.ts fails when an upgraded Playwright disables one more.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding',
  'ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'TcpPortRandomizationWin',
  'OptimizationHints', 'NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch',
  'msForceBrowserSignIn', 'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Work headless Chromium 156 does for every window, i.e. for every Playwright context, that a
 * test never uses: two WebUI renderers for the address bar's suggestion popups
 * (chrome://omnibox-popup.top-chrome/), each a page of its own that a headless browser never
 * shows, and a spare renderer process started ahead of a next navigation that a one-page test
 * never makes. With one context per test, the popups were a third of the CPU the end-to-end
 * suite spent (measured: 84.5 s → 55.6 s for three spec files), the spare renderer about 7 %
 * (four spec files: 147.6 and 152.9 s → 142.4 and 136.8 s); README, Tests.
 */
export const HEADLESS_UNUSED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'SpareRendererForSitePerProcess'];

/** CHROMIUM_ARGS for a browser Playwright launches: Playwright's disabled features plus ours. */
export const PLAYWRIGHT_CHROMIUM_ARGS = [
  ...CHROMIUM_ARGS,
  `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...HEADLESS_UNUSED_FEATURES].join(',')}`,
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
