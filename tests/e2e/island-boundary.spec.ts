/**
 * Issue #17 point 9: an island that throws must not blank its part of the page. The hostile link
 * of the issue (a `?mem.config=` of about 48 KB nested 8,000 deep) gets a clear message from the
 * model-memory widget; and a widget that does fail shows the shared bilingual notice in its own
 * place, with a reset that clears its URL keys (only its own) and mounts it again.
 *
 * The link is put in place by an init script before the page's scripts run (as if the reader had
 * opened it): a 48 KB request line is refused by many servers, ours included, before any page loads.
 */
import type { Page } from '@playwright/test';
import { expect, test, waitForIsland } from './fixtures.ts';

const HOSTILE = '{"a":'.repeat(8000) + '1' + '}'.repeat(8000);

const L = {
  zh: {
    title: '跑一个模型要多少内存？',
    magnitude: '数量级：训练数据 vs. 模型',
    tooDeep: '嵌套太深了：config.json 的对象和数组最多嵌套 32 层',
    failed: '这个部件出错了。',
    unaffected: '页面的其余部分不受影响。',
    reset: '重置这个部件',
  },
  en: {
    title: 'How much memory does a model need?',
    magnitude: 'Orders of magnitude: training data vs. the model',
    tooDeep: 'Nested too deep: a config.json may nest objects and arrays at most 32 levels',
    failed: 'This widget ran into an error.',
    unaffected: 'The rest of the page is unaffected.',
    reset: 'Reset this widget',
  },
} as const;

/** Opens the playground page as if from a link whose query string is `search`. */
async function openWithSearch(page: Page, lang: string, search: string) {
  await page.addInitScript((s) => {
    if (location.pathname.endsWith('/playground/')) history.replaceState(null, '', `${location.pathname}${s}${location.hash}`);
  }, search);
  await page.goto(`${lang}/playground/`);
}

for (const lang of ['zh', 'en'] as const) {
  const t = L[lang];

  test(`${lang}: the hostile ?mem.config= link is refused with a clear message, the page intact`, async ({ page }) => {
    await openWithSearch(page, lang, `?mem.config=${encodeURIComponent(HOSTILE)}&mem.ctx=2048`);
    const widget = page.getByTestId('model-memory');
    await waitForIsland(widget);
    await expect(widget).toContainText(t.tooDeep);
    await expect(widget.getByRole('combobox').first()).toBeVisible();
    await expect(page.getByTestId('island-error')).toHaveCount(0);
    // The rest of the page, another widget included, still renders.
    await expect(page.locator('h1')).toBeVisible();
    await expect(page.getByRole('region', { name: t.magnitude })).toBeVisible();
  });

  test.describe(() => {
    // The failure below is forced, so the boundary's console.error is expected here.
    test.use({ strictPage: false });

    test(`${lang}: a widget that throws shows the bilingual notice; reset clears its URL keys and restores it`, async ({ page }) => {
      // Number formatting throws while the flag is up: every widget that formats a number fails.
      await page.addInitScript(() => {
        const w = window as unknown as { __breakNumbers: boolean };
        w.__breakNumbers = true;
        const original = Number.prototype.toLocaleString;
        Number.prototype.toLocaleString = function (this: number, ...args: Parameters<typeof original>) {
          if (w.__breakNumbers) throw new Error('forced failure for the test');
          return original.apply(this, args);
        };
      });
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await openWithSearch(page, lang, '?mem.ctx=8192&mem.fmt=int4&other=kept');
      const region = page.getByRole('region', { name: t.title });
      await region.scrollIntoViewIfNeeded();
      const notice = region.getByTestId('island-error');
      await expect(notice).toBeVisible({ timeout: 30_000 });
      await expect(notice).toContainText(t.failed);
      await expect(notice).toContainText(t.unaffected);
      await expect(notice).toContainText('forced failure for the test');
      // The widget's heading (static) and the page around it are still there.
      await expect(region.getByRole('heading', { name: t.title })).toBeVisible();
      await expect(page.locator('h1')).toBeVisible();
      expect(errors.some((e) => e.includes('[ModelMemory]'))).toBe(true);

      await page.evaluate(() => {
        (window as unknown as { __breakNumbers: boolean }).__breakNumbers = false;
      });
      await notice.getByRole('button', { name: t.reset }).click();
      const widget = region.getByTestId('model-memory');
      await expect(widget).toBeVisible();
      await expect(region.getByTestId('island-error')).toHaveCount(0);
      // Its own keys are gone (so the widget starts from its defaults), other keys stay.
      const params = new URL(page.url()).searchParams;
      expect([...params.keys()].filter((k) => k.startsWith('mem.'))).toEqual([]);
      expect(params.get('other')).toBe('kept');
      await expect(widget.getByLabel(/上下文长度|Context/)).toHaveValue('4096');
    });
  });
}
