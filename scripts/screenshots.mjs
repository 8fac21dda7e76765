// Screenshots of every widget, in both languages, at 390 px and 1280 px, in light and dark, so a
// person can look at what the reader sees (the tests check numbers and roles, not looks).
//
//   npm run build && npm run screenshots                  # → /tmp/shots
//   npm run screenshots -- --out shots --only zh-390-light   # one combination
//   BASE_PATH=/sub/ npm run screenshots                   # a build made under a base path
//
// Serves dist/ with scripts/serve.mjs, drives Chromium (scripts/chromium.mjs) through Playwright.
// Per combination it writes NN-<Widget>.png for each island of the playground page (the page
// that holds every widget), plus whole-page shots of the built-in model's page, a chapter's top
// (header and first widget) and the 404 page.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from './chromium.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const out = resolve(option('out', '/tmp/shots'));
const only = option('only', '');
const port = Number(option('port', process.env.PORT ?? 4390));
const basePath = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace('//', '/');
const origin = `http://127.0.0.1:${port}${basePath}`;

const LANGS = ['zh', 'en'];
const WIDTHS = [390, 1280];
const THEMES = ['light', 'dark'];

/** Starts the static server and resolves once it answers. */
async function serve() {
  const server = spawn(process.execPath, ['scripts/serve.mjs'], {
    env: { ...process.env, PORT: String(port), BASE_PATH: basePath },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(origin)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`the static server did not answer at ${origin}: is dist/ built (npm run build)?`);
}

/** Waits until no astro-island on the page still carries `ssr` (all hydrated), scrolling each into view. */
async function hydrateAll(page) {
  const count = await page.locator('astro-island').count();
  for (let i = 0; i < count; i++) {
    const island = page.locator('astro-island').nth(i);
    await island.evaluate((el) => (el.firstElementChild ?? el).scrollIntoView({ block: 'center' }));
    await page.waitForFunction((n) => !document.querySelectorAll('astro-island')[n]?.hasAttribute('ssr'), i, { timeout: 30_000 }).catch(() => {});
  }
  // The playground loads the built-in model on its own: wait for its candidates when it has them.
  await page.locator('[data-testid="pg-candidates"] li').first().waitFor({ timeout: 60_000 }).catch(() => {});
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
}

/** Top-level islands only (an island inside another is part of its shot). */
async function topIslands(page) {
  const handles = await page.locator('astro-island').elementHandles();
  const out = [];
  for (const h of handles) {
    const info = await h.evaluate((el) => ({
      nested: !!el.parentElement?.closest('astro-island'),
      name: (el.getAttribute('component-url') ?? 'island').split('/').pop().split('.')[0],
    }));
    if (!info.nested) out.push({ handle: h, name: info.name });
  }
  return out;
}

async function main() {
  const executablePath = await findChromium();
  const server = await serve();
  const browser = await chromium.launch({ executablePath, args: PLAYWRIGHT_CHROMIUM_ARGS });
  let written = 0;
  try {
    for (const lang of LANGS) {
      for (const width of WIDTHS) {
        for (const theme of THEMES) {
          const combo = `${lang}-${width}-${theme}`;
          if (only && !combo.includes(only)) continue;
          const dir = join(out, combo);
          mkdirSync(dir, { recursive: true });
          const context = await browser.newContext({
            viewport: { width, height: width < 600 ? 844 : 900 },
            deviceScaleFactor: 1,
            colorScheme: theme,
            locale: lang === 'zh' ? 'zh-CN' : 'en-US',
          });
          await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
          const page = await context.newPage();

          await page.goto(`${origin}${lang}/playground/`, { waitUntil: 'load' });
          await hydrateAll(page);
          const islands = await topIslands(page);
          for (const [i, { handle, name }] of islands.entries()) {
            await handle.evaluate((el) => (el.firstElementChild ?? el).scrollIntoView({ block: 'start' }));
            const box = await handle.evaluate((el) => {
              // astro-island is display: contents; shoot the box of what it renders.
              const kids = [...el.children].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
              if (!kids.length) return null;
              const top = Math.min(...kids.map((r) => r.top)) + window.scrollY;
              const bottom = Math.max(...kids.map((r) => r.bottom)) + window.scrollY;
              const left = Math.min(...kids.map((r) => r.left));
              const right = Math.max(...kids.map((r) => r.right));
              return { x: Math.max(0, left - 4), y: Math.max(0, top - 4), width: right - left + 8, height: bottom - top + 8 };
            });
            if (!box) continue;
            await page.screenshot({ path: join(dir, `${String(i + 1).padStart(2, '0')}-${name}.png`), clip: box, fullPage: true });
            written++;
          }
          const pages = [
            ['page-chapter-1', `${lang}/01-why-it-talks/`, false],
            ['page-built-in-model', `${lang}/built-in-model/`, true],
            ['page-404', `${lang}/no-such-page/`, false],
          ];
          for (const [name, path, full] of pages) {
            await page.goto(`${origin}${path}`, { waitUntil: 'load' });
            await page.waitForTimeout(300);
            await page.screenshot({ path: join(dir, `${name}.png`), fullPage: full });
            written++;
          }
          await context.close();
          console.log(`${combo}: done`);
        }
      }
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`${written} screenshots in ${out}`);
}

main().catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
