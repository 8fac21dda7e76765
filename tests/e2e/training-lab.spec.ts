import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { axe, expect, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';
import { openSafetensors } from '../../src/lib/safetensors/index.ts';

/** The page the lab is mounted on in these tests (it is also in chapters 2 and 5). */
const PAGE = (lang: 'zh' | 'en') => `${lang}/playground/`;

/** Accessibility violations inside the lab, as "rule: targets" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  const results = await axe(page).include('[data-testid="training-lab"]').withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** The step number the lab shows ("37 / 200" → 37). */
async function stepShown(page: Page): Promise<number> {
  const text = (await page.getByTestId('training-lab-step').textContent()) ?? '';
  return Number(text.split('/')[0]) || 0;
}

test.describe.configure({ timeout: 180_000 });

test('the lab studies a text, the books are taken away, and the exam answers from the weights (en)', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  const wasmRequests: string[] = [];
  page.on('request', (r) => {
    if (/\.wasm(\?|$)/.test(r.url())) wasmRequests.push(r.url());
  });

  await page.goto(PAGE('en'));
  await waitForIsland(page.getByTestId('training-lab'));
  const lab = page.getByTestId('training-lab');
  await lab.getByRole('radio', { name: 'Capital cities' }).check();
  await expect(lab.getByTestId('training-lab-text')).toHaveValue(/The capital of France is Paris\./);
  await expect(lab.getByTestId('training-lab-text-stats')).toContainText(/\d tokens/);
  await lab.getByLabel('Model size').selectOption('small');
  await lab.getByLabel('Backend').selectOption('wasm');
  await expect(lab.getByLabel('Random seed')).toHaveValue('42');

  // Nothing of the training machinery loads before the reader starts the lab.
  expect(workers.filter((u) => u.includes('training'))).toEqual([]);
  expect(wasmRequests).toEqual([]);

  expect(await axeViolations(page)).toEqual([]);

  // Started from the keyboard.
  await lab.getByRole('button', { name: 'Start studying' }).focus();
  await page.keyboard.press('Enter');
  await expect(lab.getByTestId('training-lab-backend')).toHaveText('WASM', { timeout: 60_000 });
  await expect(lab.getByTestId('training-lab-status')).toContainText('Training on WASM');
  expect(workers.some((u) => u.includes('training'))).toBe(true);
  await expect.poll(() => stepShown(page), { timeout: 120_000, intervals: [1000] }).toBeGreaterThanOrEqual(30);

  // Pause and resume keep the run going from where it was.
  await lab.getByRole('button', { name: 'Pause' }).click();
  await expect(lab.getByTestId('training-lab-status')).toContainText('Paused at step');
  await lab.getByRole('button', { name: 'Resume' }).click();

  await lab.getByRole('button', { name: 'Take the books away' }).click();
  await expect(lab.getByTestId('training-lab-forgotten')).toBeVisible({ timeout: 30_000 });

  // The loss fell: the curve's summary reads "from A down to B".
  const summary = (await lab.getByTestId('training-lab-curve').getAttribute('aria-label')) ?? '';
  const [, first, last] = /from ([\d.]+) down to ([\d.]+)/.exec(summary) ?? [];
  expect(Number(first)).toBeGreaterThan(Number(last) + 1);
  await expect(lab.getByTestId('training-lab-sample')).not.toContainText('Paris');

  // The text is gone from the page and from the worker; the weights remain.
  await expect(lab.getByTestId('training-lab-text')).toHaveValue('');
  await expect(lab.getByTestId('training-lab-held')).toHaveText('Text the worker holds now: 0 bytes, 0 tokens.');
  expect(await page.locator('body').innerText()).not.toContain('The capital of France is Paris.');
  await expect(lab.getByTestId('training-lab-forgotten')).toContainText('The weights (FP32)');
  await expect(lab.getByTestId('training-lab-text-stats')).toContainText('0 B · 0 tokens');
  expect(await axeViolations(page)).toEqual([]);

  // The exam: a continuation from the weights alone.
  await expect(lab.getByLabel('Beginning')).not.toHaveValue('');
  await lab.getByRole('button', { name: 'Answer' }).click();
  await expect(lab.getByTestId('training-lab-continuation')).not.toBeEmpty({ timeout: 30_000 });

  // The weights download as a .safetensors file with Hugging Face GPT-2 names.
  const [download] = await Promise.all([page.waitForEvent('download'), lab.getByRole('button', { name: 'Download the weights (.safetensors)' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^training-lab-seed42-step\d+\.safetensors$/);
  const file = openSafetensors(new Uint8Array(readFileSync((await download.path())!)));
  expect(file.info('wte.weight')?.shape[1]).toBe(32);
  expect(file.info('h.1.mlp.c_proj.weight')?.shape).toEqual([128, 32]);
  expect(JSON.parse(file.metadata.config!)).toMatchObject({ model_type: 'gpt2', n_layer: 2 });
  const params = file.tensors.reduce((n, t) => n + t.shape.reduce((a, b) => a * b, 1), 0);

  // …and open in the weights inspector.
  await page.goto('en/03-not-packed-inside/');
  const inspector = page.getByTestId('weights-inspector');
  await waitForIsland(inspector);
  await inspector.getByTestId('wi-file').setInputFiles((await download.path())!);
  await expect(inspector.getByTestId('wi-total-params')).toHaveText(params.toLocaleString('en-US'));
});

test('the lab speaks Chinese, fits 360 px, and refuses a text shorter than one training window (zh)', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(PAGE('zh'));
  await waitForIsland(page.getByTestId('training-lab'));
  const lab = page.getByTestId('training-lab');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await expect(lab.getByTestId('training-lab-text')).toHaveValue(/基座模型/);
  await lab.getByRole('radio', { name: '自己粘贴' }).check();
  await lab.getByTestId('training-lab-text').fill('太短了');
  await lab.getByLabel('计算后端').selectOption('cpu');
  await lab.getByRole('button', { name: '开始学习' }).click();
  await expect(lab.getByRole('alert')).toHaveText('文本太短了，至少要比一个训练窗口长。请选一段更长的文本。', { timeout: 60_000 });
});
