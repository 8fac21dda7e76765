/**
 * The test browser itself: the switches that keep the suite within its time on two cores must
 * still take effect in the Chromium this machine has (a renamed feature would silently bring the
 * cost back; scripts/chromium.mjs).
 */
import { expect, test } from './fixtures.ts';

test('the test browser builds no address-bar popup for its windows (chrome://omnibox-popup)', async ({ browser, page }) => {
  await page.goto('en/');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
  await cdp.detach();
  expect(targetInfos.filter((t) => t.type === 'page').length).toBeGreaterThan(0);
  expect(targetInfos.filter((t) => t.url.startsWith('chrome://')).map((t) => t.url)).toEqual([]);
});
