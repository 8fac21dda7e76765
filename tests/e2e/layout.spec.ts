/**
 * Layout failures no other test sees, on every page with widgets at a phone's width (390 px):
 * a text box squeezed so narrow that it prints one letter per line ("y / e / s" in the real-model
 * panel's device table), and U+FFFD (�) anywhere in a widget.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAYWRIGHT_CHROMIUM_ARGS, findChromium } from '../../scripts/chromium.mjs';
import { LANGS, builtPages, expect, scrollUntilHydrated, test } from './fixtures.ts';

// WebGPU on (SwiftShader), so the real-model panel lists its adapter, the row that once printed
// one letter per line.
test.use({ launchOptions: { executablePath: await findChromium(), args: [...PLAYWRIGHT_CHROMIUM_ARGS, '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] } });

/** Pages whose built HTML holds at least one island or a model-card table. */
function pagesWithWidgets(lang: (typeof LANGS)[number]): string[] {
  return builtPages(lang).filter((path) => {
    const html = readFileSync(join(process.cwd(), 'dist', path, 'index.html'), 'utf8');
    return html.includes('<astro-island') || html.includes('class="mc-table"');
  });
}

for (const lang of LANGS) {
  for (const path of pagesWithWidgets(lang)) {
    test(`${path}: at 390 px no widget squeezes text to one letter per line`, async ({ page }) => {
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
    });
  }
}
