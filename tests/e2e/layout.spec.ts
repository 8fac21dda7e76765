/**
 * Layout failures no other test sees, on every page with widgets at a phone's width (390 px):
 * a text box squeezed so narrow that it prints one letter per line ("y / e / s" in the real-model
 * panel's device table), and U+FFFD (�) anywhere in a widget. With every island hydrated, as a
 * reader scrolling down would have them, it also checks that none fetched the WebLLM worker chunk
 * (the 6 MB library), which only the reader's click in the real-model panel may fetch
 * (webllm.spec.ts). Pages without an island have no island code to fetch it with.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGS, builtPages, expect, scrollUntilHydrated, test } from './fixtures.ts';
import { WEBLLM_WORKER_CHUNK } from './webllm-stub/stub.ts';

// WebGPU on (SwiftShader; playwright.config.ts's chromium-webgpu project), so the real-model
// panel lists its adapter, the row that once printed one letter per line.

/** Pages whose built HTML holds at least one island or a model-card table. */
function pagesWithWidgets(lang: (typeof LANGS)[number]): string[] {
  return builtPages(lang).filter((path) => {
    const html = readFileSync(join(process.cwd(), 'dist', path, 'index.html'), 'utf8');
    return html.includes('<astro-island') || html.includes('class="mc-table"');
  });
}

for (const lang of LANGS) {
  for (const path of pagesWithWidgets(lang)) {
    test(`${path}: at 390 px no widget squeezes text to one letter per line, and no island fetches WebLLM unasked`, async ({ page }) => {
      const webllmChunks: string[] = [];
      page.on('request', (r) => {
        if (WEBLLM_WORKER_CHUNK.test(r.url())) webllmChunks.push(r.url());
      });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(path, { waitUntil: 'load' });
      // Bring every island into view once so each hydrates and lays out its real content.
      const islands = page.locator('astro-island');
      const count = await islands.count();
      for (let i = 0; i < count; i++) {
        await scrollUntilHydrated(islands.nth(i));
      }
      const squeezed = await page.evaluate(() => {
        const out: string[] = [];
        const roots = document.querySelectorAll('astro-island, .mc-scroll');
        for (const root of roots) {
          for (const el of root.querySelectorAll<HTMLElement>('*')) {
            const own = [...el.childNodes]
              .filter((n) => n.nodeType === Node.TEXT_NODE)
              .map((n) => n.textContent ?? '')
              .join('')
              .trim();
            if ([...own].length <= 3) continue;
            const style = getComputedStyle(el);
            if (style.display === 'none' || style.visibility === 'hidden' || style.clip !== 'auto' || style.clipPath !== 'none') continue;
            const rect = el.getBoundingClientRect();
            if (rect.width <= 1 || rect.height === 0) continue; // visually hidden text for screen readers
            const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
            const room = rect.width - padding - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
            // Two characters: two Latin letters are about 1.2 em, one CJK character is 1 em.
            if (room < 1.2 * parseFloat(style.fontSize)) out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(room)} px): ${own.slice(0, 40)}`);
          }
        }
        return out;
      });
      expect(squeezed).toEqual([]);
      const replacement = await page.evaluate(() =>
        [...document.querySelectorAll('astro-island')].map((el) => el.textContent ?? '').filter((t) => t.includes('\uFFFD')),
      );
      expect(replacement, 'U+FFFD in a widget').toEqual([]);
      expect(webllmChunks, 'the WebLLM worker chunk, before the reader asked for the real model').toEqual([]);
    });
  }
}
