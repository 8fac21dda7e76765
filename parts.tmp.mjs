import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { CHROMIUM_ARGS, findChromium } from '/work/wt/xray/scripts/chromium.mjs';
const port = 4336;
const [lang, width, theme] = process.argv.slice(2);
const server = spawn('node', ['scripts/serve.mjs'], { env: { ...process.env, BASE_PATH: '/sub/', PORT: String(port) }, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 1500));
const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
  await page.goto(`http://127.0.0.1:${port}/sub/${lang}/01-why-it-talks/`);
  const w = page.getByTestId('xray');
  await w.scrollIntoViewIfNeeded();
  await w.getByTestId('xray-layer').first().waitFor({ timeout: 30000 });
  await w.getByTestId('xray-layer').nth(2).getByRole('button').nth(1).hover();
  const steps = w.locator('.xr-step');
  const n = await steps.count();
  for (let i = 0; i < n; i++) await steps.nth(i).screenshot({ path: `/tmp/part-${i}.png` });
  await w.getByTestId('xray-layer').nth(2).screenshot({ path: `/tmp/part-layer.png` });
} finally { await browser.close(); server.kill(); }
