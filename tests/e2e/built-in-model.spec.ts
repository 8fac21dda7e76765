/**
 * The model card page (built-in-model): sizes that match the committed files, downloads that
 * resolve, the corpus in full, named training curves, and a page that fits a phone and passes axe.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { axe, expect, setTheme, test } from './fixtures.ts';

const models = join(process.cwd(), 'public', 'models');
const index: { id: string }[] = JSON.parse(readFileSync(join(models, 'index.json'), 'utf8'));
const size = (id: string) => statSync(join(models, id, 'model.safetensors')).size;

test.describe('built-in-model', () => {
  for (const lang of ['zh', 'en'] as const) {
    test(`${lang}: the memorizer and the default model stand on opposite sides of their corpus, beside Llama-3-8B`, async ({ page }) => {
      await page.goto(`${lang}/built-in-model/`);
      const table = page.getByTestId('regime-table');
      await expect(table.locator('tr[data-model="tiny-m"]')).toHaveAttribute('data-regime', 'memorizer');
      await expect(table.locator('tr[data-model="rich-m-q4"]')).toHaveAttribute('data-regime', 'compressor');
      await expect(table.locator('tr[data-model="Llama-3-8B"]')).toBeVisible();
      // Data ÷ model: below 1 for the memorizer, above 20 for the default.
      const ratio = async (id: string) => Number((await table.locator(`tr[data-model="${id}"] [data-testid="data-per-model"]`).innerText()).replace(/[×,]/g, ''));
      expect(await ratio('tiny-m')).toBeLessThan(1);
      expect(await ratio('rich-m-q4')).toBeGreaterThan(20);
      await expect(page.getByTestId('capacity-plot')).toBeVisible();
      await expect(page.getByTestId('hallucination-table').locator('tr[data-model="rich-m"]')).toBeVisible();
    });

    test(`${lang}: the sizes table lists every model with its real file size`, async ({ page }) => {
      await page.goto(`${lang}/built-in-model/`);
      const table = page.getByTestId('sizes-table');
      const ids = ['tiny-s', 'tiny-m', 'tiny-l', 'tiny-m-f16', 'tiny-m-int8', 'tiny-m-q4', 'rich-s', 'rich-m', 'rich-l', 'rich-m-q4'];
      expect(index.map((m) => m.id).sort()).toEqual([...ids].sort());
      for (const id of ids) {
        const row = table.locator(`tr[data-model="${id}"]`);
        await expect(row.getByRole('rowheader')).toContainText(id);
        await expect(row.locator('data')).toHaveAttribute('value', String(size(id)));
        // The shown figure is the same size in decimal kB/MB, rounded to three digits.
        const shown = (await row.locator('data').innerText()).trim();
        const m = /^([\d.]+) (KB|MB)$/.exec(shown);
        expect(m, shown).not.toBeNull();
        const bytes = Number(m![1]) * (m![2] === 'MB' ? 1e6 : 1e3);
        expect(Math.abs(bytes - size(id)) / size(id)).toBeLessThan(0.005);
      }
    });

    test(`${lang}: the corpus opens in full and the training curves have names`, async ({ page }) => {
      await page.goto(`${lang}/built-in-model/`);
      const details = page.getByTestId('corpus-details');
      const pre = details.locator('pre');
      await expect(pre).toBeHidden();
      await details.locator('summary').click();
      await expect(pre).toBeVisible();
      await expect(pre).toContainText('床前明月光');
      await expect(pre).toHaveAttribute('data-pagefind-ignore', /.*/);
      const corpus = readFileSync(join(process.cwd(), 'public', 'corpus', 'corpus.txt'), 'utf8');
      expect((await pre.textContent())?.length).toBe(corpus.length);
      for (const id of ['tiny-s', 'tiny-m', 'tiny-l']) {
        const curve = page.getByTestId(`curve-${id}`);
        await expect(curve).toHaveAttribute('role', 'img');
        await expect(curve).toHaveAccessibleName(new RegExp(id));
        await expect(curve).toHaveAccessibleDescription(/\d+\.\d\d/);
      }
      await expect(page.getByRole('img', { name: /tiny-m/ })).toHaveCount(1);
    });
  }

  test('built-in-model: downloads resolve under the base path with the committed bytes', async ({ page, request }) => {
    await page.goto('en/built-in-model/');
    const link = page.getByTestId('sizes-table').locator('tr[data-model="tiny-s"]').getByRole('link', { name: 'model.safetensors' });
    const href = await link.getAttribute('href');
    expect(href).toBe('/sub/models/tiny-s/model.safetensors');
    const res = await request.get(href!);
    expect(res.ok()).toBe(true);
    expect((await res.body()).length).toBe(size('tiny-s'));
    const config = await request.get(
      (await page.getByTestId('sizes-table').locator('tr[data-model="tiny-m-q4"]').getByRole('link', { name: 'config.json' }).getAttribute('href'))!,
    );
    expect((await config.json()).model_type).toBe('gpt2');
    const corpus = await request.get((await page.getByRole('link', { name: 'Download corpus.txt' }).getAttribute('href'))!);
    expect(corpus.ok()).toBe(true);
  });

  test('built-in-model: links to the chapters carry the base path and the locale', async ({ page }) => {
    await page.goto('zh/built-in-model/');
    await expect(page.locator('a[href="/sub/zh/02-lossy-compression/"]').first()).toBeVisible();
    await expect(page.locator('a[href="/sub/zh/03-not-packed-inside/"]').first()).toBeVisible();
  });

  // The whole page passes axe in site.spec.ts (both languages, light and dark, at 1280 px). What
  // that pass does not see is the corpus opened in full on a phone: check that here, light and dark.
  for (const lang of ['zh', 'en'] as const) {
    test(`built-in-model: the corpus opened in full fits 360 px and passes axe, light and dark (${lang})`, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 740 });
      await page.goto(`${lang}/built-in-model/`);
      await page.getByTestId('corpus-details').locator('summary').click();
      for (const scheme of ['light', 'dark'] as const) {
        await setTheme(page, scheme);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `horizontal overflow at 360 px (${lang}, ${scheme})`).toBeLessThanOrEqual(0);
        const results = await axe(page).include('[data-testid="corpus-details"]').withTags(['wcag2a', 'wcag2aa']).analyze();
        const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`), `${lang} ${scheme}`).toEqual([]);
      }
    });
  }
});
