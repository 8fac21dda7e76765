import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { CHROMIUM_ARGS, findChromium } from './scripts/chromium.mjs';
const port = 4336;
const server = spawn('node', ['scripts/serve.mjs'], { env: { ...process.env, BASE_PATH: '/sub/', PORT: String(port) }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_ARGS });
try {
  for (const lang of ['zh', 'en']) {
    for (const width of [360, 1280]) {
      for (const theme of ['light', 'dark']) {
        const page = await browser.newPage({ viewport: { width, height: 900 } });
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto(`http://127.0.0.1:${port}/sub/${lang}/01-why-it-talks/`);
        const w = page.getByTestId('xray');
        await w.scrollIntoViewIfNeeded();
        await w.getByTestId('xray-layer').first().waitFor({ timeout: 30000 });
        // Point at head 2 of layer 3, so the screenshot shows what a head reads.
        await w.getByTestId('xray-layer').nth(2).getByRole('button').nth(1).hover();
        const section = page.locator('section.widget', { has: w });
        await section.screenshot({ path: `/tmp/shots-xray/xray-${lang}-${width}-${theme}.png` });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        console.log(lang, width, theme, 'overflow', overflow);
        await page.close();
      }
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`http://127.0.0.1:${port}/sub/${lang}/02-lossy-compression/`);
    const fig = page.locator('figure.site-figure').filter({ has: page.locator('svg.fig-box') });
    await fig.screenshot({ path: `/tmp/shots-xray/inside-the-box-${lang}.png` });
    await page.setViewportSize({ width: 360, height: 800 });
    await fig.screenshot({ path: `/tmp/shots-xray/inside-the-box-${lang}-360.png` });
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
