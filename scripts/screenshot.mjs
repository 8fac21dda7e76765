// Retakes docs/screenshot.png (the README's picture) from a running `node scripts/serve.mjs`
// (BASE_PATH=/sub/ build): `node scripts/screenshot.mjs [page]`.
import { chromium } from '@playwright/test';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const page = process.argv[2] ?? 'en/04-orders-of-magnitude/';
const browser = await chromium.launch({ executablePath: await findChromium(), args: PLAYWRIGHT_CHROMIUM_ARGS });
const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await tab.goto(`http://127.0.0.1:${process.env.PORT ?? 4329}/sub/${page}`, { waitUntil: 'networkidle' });
const widget = tab.locator('.widget').first();
if (await widget.count()) await widget.scrollIntoViewIfNeeded();
await tab.waitForTimeout(500);
await tab.screenshot({ path: 'docs/screenshot.png' });
await browser.close();
console.log(`docs/screenshot.png ← /sub/${page}`);
