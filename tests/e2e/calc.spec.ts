/**
 * The size calculators of issue #7 on chapter 4's page, in both languages: the seed's
 * numbers by default, a pasted config.json, bad input answered with a message (never NaN), the
 * URL keeping the state, and the bytes-per-token meter feeding the magnitude calculator.
 */
import type { Locator, Page } from '@playwright/test';
import { axe, expect, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';

const L = {
  zh: {
    tokens: '训练词元数',
    params: '参数量',
    negative: '不能是负数',
    notNumber: '这不是一个数',
    preset: '模型',
    context: '上下文长度（词元）',
    count: '数词元',
    sampleEn: '英文示例',
    sampleZh: '中文示例',
    lo: '每个词元的字节数（下限）',
    hi: '每个词元的字节数（上限）',
    missingField: '缺少字段“num_attention_heads”',
    positiveField: '“hidden_size”必须是正数',
    json: '这不是有效的 JSON',
    matches: '一致',
  },
  en: {
    tokens: 'Training tokens',
    params: 'Parameters',
    negative: 'Cannot be negative',
    notNumber: 'Not a number',
    preset: 'Model',
    context: 'Context (tokens)',
    count: 'Count tokens',
    sampleEn: 'English sample',
    sampleZh: 'Chinese sample',
    lo: 'Bytes per token (low)',
    hi: 'Bytes per token (high)',
    missingField: 'The field "num_attention_heads" is missing',
    positiveField: '"hidden_size" must be positive',
    json: 'Not valid JSON',
    matches: 'matches',
  },
} as const;

const GPT2_CONFIG = JSON.stringify({
  model_type: 'gpt2',
  vocab_size: 50257,
  n_positions: 1024,
  n_embd: 768,
  n_layer: 12,
  n_head: 12,
});

/** The first number in a text such as "2,810–5,630×". */
function firstNumber(text: string): number {
  return Number(/[\d,.]+/.exec(text)![0].replaceAll(',', ''));
}

/**
 * Chapter 4 carries all four calculators and no model: the playground page carries them too, but
 * also three widgets that load a model at once, whose work only slows these tests down.
 */
async function open(page: Page, lang: string, testId: string, query = ''): Promise<Locator> {
  await page.goto(`${lang}/04-orders-of-magnitude/${query}`);
  const widget = page.getByTestId(testId);
  await waitForIsland(widget);
  return widget;
}

async function expectNoNaN(widget: Locator) {
  await expect(widget).not.toContainText('NaN');
  await expect(widget).not.toContainText('Infinity');
  await expect(widget).not.toContainText('undefined');
}

for (const lang of ['zh', 'en'] as const) {
  const t = L[lang];

  test(`magnitude: the seed's numbers, a bad input, and the URL (${lang})`, async ({ page }) => {
    const widget = await open(page, lang, 'magnitude');
    await expect(widget.getByTestId('magnitude-data')).toHaveText('45 TB – 90 TB');
    await expect(widget.getByTestId('magnitude-model')).toHaveText('16 GB');
    expect(firstNumber(await widget.getByTestId('magnitude-ratio').innerText())).toBeGreaterThanOrEqual(1000);

    const tokens = widget.getByLabel(t.tokens);
    await tokens.fill('-5');
    await expect(tokens).toHaveAttribute('aria-invalid', 'true');
    await expect(widget.getByRole('alert')).toContainText(t.negative);
    await tokens.fill('lots');
    await expect(widget.getByRole('alert')).toContainText(t.notNumber);
    await expectNoNaN(widget);

    await tokens.fill('2T');
    await expect(widget.getByTestId('magnitude-data')).toHaveText('6 TB – 12 TB');
    await widget.getByLabel(t.params).fill(lang === 'zh' ? '5 亿' : '0.5B');
    await expect(widget.getByTestId('magnitude-model')).toHaveText('1 GB');
    await expect.poll(() => new URL(page.url()).searchParams.get('mag.tokens')).toBe('2T');

    await page.reload();
    await waitForIsland(page.getByTestId('magnitude'));
    await expect(page.getByTestId('magnitude-data')).toHaveText('6 TB – 12 TB');
  });

  test(`model memory: presets, a pasted config and bad ones (${lang})`, async ({ page }) => {
    const widget = await open(page, lang, 'model-memory');
    // Llama 3 8B by default, counted from its config.json and checked against the published total.
    await expect(widget.getByTestId('memory-total')).toHaveText('8,030,261,248');
    await expect(widget.getByTestId('published-total')).toContainText(t.matches);
    await expect(widget.getByTestId('memory-kv-per-token')).toContainText('128 KiB');
    await expect(widget.getByTestId('memory-kv-total')).toContainText('512 MiB');

    await widget.getByLabel(t.preset).selectOption('llama-2-7b');
    await expect(widget.getByTestId('memory-total')).toHaveText('6,738,415,616');
    await expect(widget.getByTestId('memory-kv-per-token')).toContainText('512 KiB');
    await widget.getByLabel(t.preset).selectOption('mixtral-8x7b-v0.1');
    await expect(widget.getByTestId('memory-active')).toHaveText('12,879,925,248');

    const config = widget.getByLabel('config.json', { exact: true });
    await config.fill(GPT2_CONFIG);
    await expect(widget.getByTestId('memory-total')).toHaveText('124,439,808');
    await expect(widget.getByTestId('memory-kv-per-token')).toContainText('36 KiB');
    await expect.poll(() => new URL(page.url()).searchParams.get('mem.config')).toContain('"n_embd":768');

    await config.fill(JSON.stringify({ model_type: 'llama', vocab_size: 32000, hidden_size: 4096 }));
    await expect(widget.getByTestId('memory-error')).toContainText(t.missingField);
    await config.fill(JSON.stringify({ model_type: 'llama', hidden_size: -1 }));
    await expect(widget.getByTestId('memory-error')).toContainText(t.positiveField);
    await config.fill('{"model_type": ');
    await expect(widget.getByTestId('memory-error')).toContainText(t.json);

    await widget.getByLabel(t.preset).selectOption('qwen2.5-0.5b');
    await expect(widget.getByTestId('memory-kv-per-token')).toContainText('12 KiB');
    const context = widget.getByLabel(t.context);
    await context.fill('-1');
    await expect(widget.getByRole('alert')).toContainText(t.negative);
    await context.fill('32768');
    await expect(widget.getByTestId('memory-kv-total')).toContainText('384 MiB');
    // The browser's answer, whatever it is, is said in words.
    await expect(widget.getByTestId('memory-fit-verdict')).toBeVisible();
    await expectNoNaN(widget);
  });

  test(`bytes per token: counts tokens and feeds the magnitude calculator (${lang})`, async ({ page }) => {
    const widget = await open(page, lang, 'bytes-per-token');
    await widget.getByRole('button', { name: t.sampleZh }).click();
    await widget.getByRole('button', { name: t.count }).click();
    const o200k = widget.getByTestId('bpt-bytes-o200k');
    await expect(o200k).toBeVisible({ timeout: 30_000 });
    const zh = Number(await o200k.innerText());
    expect(zh).toBeGreaterThan(2.5);
    expect(zh).toBeLessThan(5);
    const cl100k = Number(await widget.getByTestId('bpt-bytes-cl100k').innerText());
    // cl100k knows Chinese less well than o200k: fewer bytes per token (facts.md: 2.6 vs 4.0).
    expect(cl100k).toBeLessThan(zh);
    // The built-in model's tokenizer counts too when this build has one; otherwise the row says so.
    const builtin = widget.locator('tr[data-tokenizer="builtin"]');
    await expect(builtin).toHaveAttribute('data-status', /ready|missing/);
    if ((await builtin.getAttribute('data-status')) === 'ready') {
      expect(Number(await widget.getByTestId('bpt-bytes-builtin').innerText())).toBeGreaterThan(1);
    }

    await widget.getByRole('button', { name: t.sampleEn }).click();
    await expect(o200k).not.toHaveText(String(zh));
    const en = Number(await o200k.innerText());
    expect(en).toBeGreaterThan(3.5);
    expect(en).toBeLessThan(6);

    await widget.getByLabel(lang === 'zh' ? '文本' : 'Text', { exact: true }).fill('');
    await expectNoNaN(widget);
    await widget.getByRole('button', { name: t.sampleEn }).click();
    // The magnitude calculator is already live further down the page: the value reaches it at once.
    const magnitude = page.getByTestId('magnitude');
    await waitForIsland(magnitude);
    await widget.getByTestId('bpt-feed').click();
    await expect(magnitude.getByLabel(t.lo)).toHaveValue(String(en));
    await expect(magnitude.getByLabel(t.hi)).toHaveValue(String(en));
    expect(new URL(page.url()).searchParams.get('mag.lo')).toBe(String(en));
  });

  test(`the calculators are accessible and fit 360 px (${lang})`, async ({ page }) => {
    test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
    await page.setViewportSize({ width: 360, height: 740 });
    for (const id of ['bytes-per-token', 'model-memory', 'magnitude']) {
      await open(page, lang, id);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal overflow at 360 px near ${id}`).toBeLessThanOrEqual(0);
    }
    const results = await axe(page)
      .include('[data-testid="magnitude"]')
      .include('[data-testid="model-memory"]')
      .include('[data-testid="bytes-per-token"]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  });

  test(`keyboard alone can change a calculator (${lang})`, async ({ page }) => {
    const widget = await open(page, lang, 'magnitude');
    await widget.getByLabel(t.tokens).focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('30T');
    await expect(widget.getByTestId('magnitude-data')).toHaveText('90 TB – 180 TB');
  });
}
