/**
 * The forward-pass X-ray (issue #14) as a reader uses it: it renders the model's own computation
 * in both languages, a click or the arrow keys move the selected position, a head lights up the
 * tokens it reads from, and typing recomputes everything.
 */
import type { Locator, Page } from '@playwright/test';
import { axe, expect, setTheme, test, waitForIsland } from './fixtures.ts';

// The X-ray loads a model in a worker and draws a few hundred elements: on a busy 2-core machine
// its first picture has taken over 30 s, so these tests get the slow (tripled) timeout.
test.beforeEach(() => test.slow());

async function openXRay(page: Page, lang: 'zh' | 'en'): Promise<Locator> {
  await page.goto(`${lang}/01-why-it-talks/`);
  const widget = page.getByTestId('xray');
  await waitForIsland(widget);
  await expect(widget.getByTestId('xray-layer').first()).toBeVisible({ timeout: 90_000 });
  return widget;
}

const tokens = (widget: Locator) => widget.getByRole('group', { name: /词元（选中一个位置）|Tokens \(select a position\)/ }).getByRole('button');

test('zh: the computation of 法国的首都是, layer by layer, ends in the model\'s own answer', async ({ page }) => {
  const widget = await openXRay(page, 'zh');
  await expect(tokens(widget)).toHaveText([/法国/, /的/, /首都/, /是/]);
  await expect(tokens(widget).last()).toHaveAttribute('aria-pressed', 'true');
  await expect(widget.getByTestId('xray-layer')).toHaveCount(4);
  // Each layer's card shows one heat strip per head.
  await expect(widget.getByTestId('xray-layer').first().getByRole('button', { name: /^头 \d 主要读取：/ })).toHaveCount(4);
  // The last lens reading is the final table's first row: 巴黎, as the chapter says.
  const lastLens = widget.getByTestId('xray-lens').last().locator('li').first();
  await expect(lastLens).toContainText('巴黎');
  await expect(widget.getByRole('table').locator('tbody tr').first()).toContainText('巴黎');
  await expect(widget.getByRole('table')).toHaveAccessibleName('“是”之后的下一个词元（和游乐场里显示的候选相同）');
  await expect(widget.getByText(/毫秒/)).toBeVisible();
  // 巴黎 rises: the answer's probability after the last layer is above its probability after the lookup.
  const rise = widget.getByTestId('xray-rise');
  await expect(rise).toContainText('最终答案“巴黎”的概率');
  const probs = (await rise.locator('.xr-rise-prob').allTextContents()).map((p) => (p.startsWith('<') ? 0 : parseFloat(p)));
  expect(probs).toHaveLength(5);
  expect(probs.at(-1)!).toBeGreaterThan(probs[0]! + 50);
});

test('en: clicking a token changes the selected position everywhere', async ({ page }) => {
  const widget = await openXRay(page, 'en');
  await expect(tokens(widget)).toHaveCount(5);
  const table = widget.getByRole('table');
  await expect(table).toHaveAccessibleName(/The token after “␣is”/);
  await tokens(widget).nth(3).click();
  await expect(tokens(widget).nth(3)).toHaveAttribute('aria-pressed', 'true');
  await expect(tokens(widget).last()).toHaveAttribute('aria-pressed', 'false');
  await expect(table).toHaveAccessibleName(/The token after “␣France”/);
  await expect(widget.getByText('token vector of “␣France” (a row of wte)')).toBeVisible();
});

test('keyboard: arrows and Home move the selection, Tab reaches a head that lights up what it reads', async ({ page }) => {
  const widget = await openXRay(page, 'en');
  await tokens(widget).last().focus();
  await page.keyboard.press('ArrowLeft');
  await expect(tokens(widget).nth(3)).toHaveAttribute('aria-pressed', 'true');
  await expect(tokens(widget).nth(3)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tokens(widget).first()).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('End');
  await expect(tokens(widget).last()).toBeFocused();
  const head = widget.getByTestId('xray-layer').first().getByRole('button', { name: /^Head 1 reads mostly from/ });
  await head.focus();
  await expect(head).toHaveAttribute('aria-pressed', 'true');
  // Every token up to the selected one now shows how much this head reads from it.
  await expect(widget.locator('.xr-token[data-attended]')).toHaveCount(5);
  await expect(tokens(widget).first()).toHaveAccessibleName(/read \d/);
});

test('typing recomputes the whole picture', async ({ page }) => {
  const widget = await openXRay(page, 'zh');
  await widget.getByLabel('文本', { exact: true }).fill('你好');
  await expect(widget).toHaveAttribute('data-drawn', '你好');
  const count = await tokens(widget).count();
  expect(count).toBeGreaterThan(0);
  await expect(tokens(widget).last()).toHaveAttribute('aria-pressed', 'true');
  // No byte token ever shows as U+FFFD: partial characters show their bytes.
  await widget.getByLabel('文本', { exact: true }).fill('躲');
  await expect(widget).toHaveAttribute('data-drawn', '躲');
  await expect(tokens(widget).first()).toContainText('⟨e8⟩');
  await expect(widget).not.toContainText('\uFFFD');
});

test('axe finds nothing serious in the hydrated X-ray, with a head pointed at, light and dark', async ({ page }) => {
  const widget = await openXRay(page, 'en');
  await widget.getByTestId('xray-layer').first().getByRole('button', { name: /^Head 1 reads mostly from/ }).focus();
  for (const theme of ['light', 'dark'] as const) {
    await setTheme(page, theme);
    const results = await axe(page).include('[data-testid="xray"]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
    expect(serious, `axe, ${theme}`).toEqual([]);
  }
});

test('every built-in model can be X-rayed: tiny-s has 2 layers of 2 heads, tiny-m-q4 4 of 4', async ({ page }) => {
  const widget = await openXRay(page, 'en');
  const model = widget.getByLabel('Model');
  await model.selectOption('tiny-s');
  // A new worker loads another model: allow for a busy machine.
  await expect(widget.getByTestId('xray-layer')).toHaveCount(2, { timeout: 60_000 });
  await expect(widget.getByTestId('xray-layer').first().getByRole('button', { name: /^Head \d reads mostly from/ })).toHaveCount(2);
  await model.selectOption('tiny-m-q4');
  await expect(widget.getByTestId('xray-layer')).toHaveCount(4, { timeout: 60_000 });
  await expect(widget.getByTestId('xray-layer').first().getByRole('button', { name: /^Head \d reads mostly from/ })).toHaveCount(4);
  await expect(tokens(widget)).toHaveCount(5);
});
