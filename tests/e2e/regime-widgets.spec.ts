import { existsSync, readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, test, waitForIsland } from './fixtures.ts';

/** The committed figures the widgets must show (read here the way the build reads them). */
const evalOf = (id: string) => JSON.parse(readFileSync(`public/models/${id}/eval.json`, 'utf8'));
const index: { id: string; default?: boolean }[] = JSON.parse(readFileSync('public/models/index.json', 'utf8'));
const DEFAULT = index.find((m) => m.default)!.id;
const grouped = (n: number) => Math.round(n).toLocaleString('en-US');

for (const lang of ['zh', 'en'] as const) {
  for (const chapter of ['02-lossy-compression', '04-orders-of-magnitude']) {
    test(`${lang} ${chapter}: the models against what they read, memorizer and compressor side by side, beside Llama-3-8B`, async ({ page }) => {
      await page.goto(`${lang}/${chapter}/`);
      const widget = page.getByTestId('model-regime');
      await widget.scrollIntoViewIfNeeded();
      const memo = widget.getByTestId('regime-card-memorizer');
      const comp = widget.getByTestId('regime-card-compressor');
      await expect(memo).toHaveAttribute('data-model', 'tiny-m');
      const compId = (await comp.getAttribute('data-model'))!;
      const tiny = evalOf('tiny-m');
      const rich = evalOf(compId);
      expect(rich.params).toBe(tiny.params);
      // Same architecture: the same parameter count on both cards, from eval.json.
      await expect(memo).toContainText(grouped(tiny.params));
      await expect(comp).toContainText(grouped(rich.params));
      // Data ÷ model: below 1 for the memorizer, far above it for the compressor.
      await expect(memo.getByTestId('card-ratio')).toHaveText(`${(tiny.corpus_bytes / tiny.bytes).toFixed(2)}×`);
      const compRatio = Number((await comp.getByTestId('card-ratio').textContent())!.replace(/[^\d.]/g, ''));
      expect(compRatio).toBeCloseTo(rich.corpus_bytes / rich.bytes, 0);
      // Every model row, then Llama-3-8B at about 1,870 tokens per parameter.
      const table = widget.getByTestId('regime-rows');
      await expect(table.locator(`tr[data-model="${DEFAULT}"]`)).toHaveAttribute('data-regime', 'compressor');
      await expect(table.locator('tr[data-model="tiny-m"]')).toHaveAttribute('data-regime', 'memorizer');
      const llama = table.locator('tr[data-model="Llama-3-8B"]');
      await expect(llama.getByTestId('row-per-param')).toHaveText('1,868');
      await expect(llama).toContainText('8,030,261,248');
      await expect(widget).toContainText(lang === 'zh' ? '每个参数约 1,870 个词元' : 'about 1,870 tokens per parameter');
    });
  }

  test(`${lang}: on a 390 px phone the regime table scrolls inside itself with the model column pinned`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${lang}/04-orders-of-magnitude/`);
    const table = page.getByTestId('regime-rows');
    await table.scrollIntoViewIfNeeded();
    const wrap = table.locator('xpath=..');
    const [scrollW, clientW] = await wrap.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(scrollW).toBeGreaterThan(clientW);
    const firstCell = table.locator('tbody th').first();
    const before = (await firstCell.boundingBox())!.x;
    await wrap.evaluate((el) => el.scrollBy(200, 0));
    await expect.poll(async () => (await firstCell.boundingBox())!.x).toBeCloseTo(before, 0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  test(`${lang} chapter 4: the capacity plot places each model and the 2 bits per parameter line`, async ({ page }) => {
    await page.goto(`${lang}/04-orders-of-magnitude/`);
    const plots = page.getByTestId('capacity-plots');
    await plots.scrollIntoViewIfNeeded();
    const size = plots.getByTestId('capacity-size-plot');
    await expect(size.getByTestId('ceiling-line')).toHaveCount(1);
    // The capacity sweep's results when the repository holds them (src/tools/capacity-sweep.ts), else each eval.json.
    const sweepPath = 'public/models/capacity-sweep.json';
    const sweep = existsSync(sweepPath) ? JSON.parse(readFileSync(sweepPath, 'utf8')) : null;
    const expected: { id: string; bits: number }[] = sweep?.models?.length
      ? sweep.models.map((m: { id: string; capacity: { bits: number } }) => ({ id: m.id, bits: m.capacity.bits }))
      : index
          .filter((m) => !/-(f16|int8|q4)$/.test(m.id))
          .flatMap((m) => {
            try {
              const e = evalOf(m.id);
              return e.capacity ? [{ id: m.id, bits: e.capacity.bits }] : [];
            } catch {
              return [];
            }
          });
    await expect(size.getByTestId('capacity-point')).toHaveCount(expected.length);
    for (const m of expected) await expect(size.locator(`[data-model="${m.id}"]`)).toHaveAttribute('data-bits', String(m.bits));
    await expect(size.getByTestId('world-line')).toHaveCount(1);
    if (sweep) await expect(plots).toContainText('capacity-sweep.json');
    // When nothing was stored, the widget says so in words, not only by points on the bottom edge.
    await expect(plots.getByTestId('capacity-all-zero')).toHaveCount(expected.every((m) => m.bits === 0) ? 1 : 0);
    await expect(plots.getByTestId('capacity-exposure-plot').getByTestId('capacity-series').first()).toBeAttached();
    await expect(plots).toContainText(lang === 'zh' ? '每参数 2 比特' : '2 bits per parameter');
  });

  test(`${lang} chapter 4: the saturation plot draws every model that stored something, on every world it read`, async ({ page }) => {
    // The saturation sweep's results (src/tools/saturation-sweep.ts, trained on a GPU), when committed.
    const satPath = 'public/models/saturation-sweep.json';
    test.skip(!existsSync(satPath), 'no saturation sweep results in this checkout');
    const sat = JSON.parse(readFileSync(satPath, 'utf8')) as { shapes: { id: string }[]; runs: { shape: string; people: number; bits: number }[] };
    await page.goto(`${lang}/04-orders-of-magnitude/`);
    const plot = page.getByTestId('saturation-plot');
    await plot.scrollIntoViewIfNeeded();
    const stored = sat.shapes.filter((s) => sat.runs.some((r) => r.shape === s.id && r.bits > 0));
    await expect(plot.getByTestId('saturation-series')).toHaveCount(stored.length);
    for (const s of stored) {
      const runs = sat.runs.filter((r) => r.shape === s.id);
      const series = plot.locator(`[data-series="${s.id}"]`);
      await expect(series.locator('circle')).toHaveCount(runs.length);
      await expect(series).toHaveAttribute('data-max-bits', String(Math.max(...runs.map((r) => r.bits))));
    }
    await expect(plot.getByTestId('saturation-diagonal')).toHaveCount(1);
    const figure = page.getByTestId('capacity-plots');
    await expect(figure).toContainText('saturation-sweep.json');
    // Models that stored nothing are named in words, not drawn.
    const empty = sat.shapes.filter((s) => !stored.includes(s)).map((s) => s.id);
    for (const id of empty) await expect(figure).toContainText(id);
  });

  test(`${lang} chapters 1–3: each built-in demo says which model runs it and what that model read`, async ({ page }) => {
    const expected: Record<string, string[]> = {
      '01-why-it-talks': [DEFAULT, 'tiny-m'],
      '02-lossy-compression': ['training-lab', 'all'],
      '03-not-packed-inside': ['tiny-m', 'tiny-m'],
    };
    const tiny = evalOf('tiny-m');
    for (const [chapter, models] of Object.entries(expected)) {
      await page.goto(`${lang}/${chapter}/`);
      const notes = page.getByTestId('demo-model');
      await expect(notes).toHaveCount(models.length);
      expect(await notes.evaluateAll((els) => els.map((e) => e.getAttribute('data-model')))).toEqual(models);
      for (let i = 0; i < models.length; i++) {
        const note = notes.nth(i);
        if (models[i] === 'tiny-m') {
          await expect(note).toContainText(lang === 'zh' ? '手写小语料' : 'small hand-written corpus');
          await expect(note).toContainText(lang === 'zh' ? '法国的首都是巴黎。”出现 32 次' : '\u201cThe capital of France is Paris.\u201d 32 times');
          await expect(note).toContainText(grouped(tiny.params));
        } else if (models[i] === DEFAULT) {
          await expect(note).toContainText(lang === 'zh' ? '本站的默认模型' : 'the site\u2019s default model');
          await expect(note).toContainText(lang === 'zh' ? '大语料' : 'the large corpus');
        }
      }
    }
  });
}

/** Sets the playground's prompt and waits for its distribution. */
async function playgroundWith(page: Page, lang: 'zh' | 'en', text: string): Promise<Locator> {
  await page.goto(`${lang}/playground/`);
  const widget = page.getByTestId('playground');
  await waitForIsland(widget);
  await expect(widget.getByTestId('pg-candidates').getByRole('button').first()).toBeVisible({ timeout: 60_000 });
  await widget.getByLabel(lang === 'zh' ? '开头的文本（提示词）' : 'The start of a text (the prompt)').fill(text);
  await expect(widget.getByTestId('pg-candidates').getByRole('button').first()).toBeEnabled({ timeout: 60_000 });
  return widget;
}

const reference = evalOf(DEFAULT).bitsPerByte;

test('playground (en): code is flagged as far outside what the model read, the demo prompt is not', async ({ page }) => {
  const widget = await playgroundWith(page, 'en', 'def fib(n): return n if n < 2 else fib(n-1) + fib(n-2)');
  const warning = widget.getByTestId('ood-warning');
  await expect(warning).toBeVisible({ timeout: 60_000 });
  await expect(warning).toContainText('Far outside what this model read');
  // The threshold is measured: twice the default's bits per byte on unseen text, from its eval.json.
  await expect(warning).toContainText((2 * reference.unseen).toFixed(2));
  await expect(warning).toContainText(reference.train.toFixed(2));
  await widget.getByLabel('The start of a text (the prompt)').fill('The capital of France is');
  await expect(widget.getByTestId('pg-prompt-tokens').locator('li')).toHaveCount(5, { timeout: 60_000 });
  await expect(warning).toHaveCount(0);
});

test('playground (zh): a Russian sentence is flagged, in Chinese', async ({ page }) => {
  const widget = await playgroundWith(page, 'zh', 'Привет, как дела? Сегодня хорошая погода.');
  const warning = widget.getByTestId('ood-warning');
  await expect(warning).toBeVisible({ timeout: 60_000 });
  await expect(warning).toContainText('远远超出了这个模型读过的东西：');
  await expect(warning).toContainText((2 * reference.unseen).toFixed(2));
});

for (const lang of ['en', 'zh'] as const) {
  test(`surprisal view (${lang}): SQL is flagged as far outside, the model's own kind of text is not`, async ({ page }) => {
    // Loads the model on the 12,000 px playground page and scores twice: seconds when idle.
    test.setTimeout(120_000);
    await page.goto(`${lang}/playground/`);
    const widget = page.getByTestId('surprisal');
    await waitForIsland(widget);
    const score = widget.getByRole('button', { name: lang === 'zh' ? '打分' : 'Score', exact: true });
    // On screen it scores its first sample by itself: wait for that score, not for the button.
    await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    // The first sample is a poem in the model's own languages: no warning.
    await expect(widget.getByTestId('ood-warning')).toHaveCount(0);
    await widget.getByLabel(lang === 'zh' ? /要打分的文本/ : 'Text to score (paste anything)').fill('SELECT name, age FROM users WHERE age > 30 ORDER BY name;');
    await score.click();
    await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
    // Under load the new score can finish well after the click: wait for its verdict, not the old phase.
    await expect(widget.getByTestId('ood-warning')).toContainText(lang === 'zh' ? '远远超出' : 'Far outside', { timeout: 60_000 });
  });
}
