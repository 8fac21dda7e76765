/**
 * The surprisal view scores with the real base model the reader loaded in the Real model panel on
 * the same page (src/engine/page.ts `activeRealModel`), in Chromium with WebGPU from SwiftShader and
 * the stub WebLLM worker (the real worker handler over a fake model: tests/e2e/webllm-stub).
 */
import { expect, test, waitForIsland } from './fixtures.ts';
import { WEBLLM_WORKER_CHUNK, webllmStubWorker, type StubModel } from './webllm-stub/stub.ts';

// WebGPU through SwiftShader: playwright.config.ts's chromium-webgpu project.

/** Words are tokens numbered from 30,000; after any text it expects " Paris" first (see webllm-stub/config.ts). */
const WORDS: StubModel = {
  vocabSize: 32_000,
  firstId: 30_000,
  next: { top: [[' Paris', 3], [' a', 2], [' the', 1]], restLogSumExp: -8 + Math.log(31_997) },
  completion: { text: ' Paris.', finishReason: 'stop' },
  chatAnswer: 'Paris.',
};

test('the surprisal view offers the loaded real model, scores with it, and falls back when it is freed', async ({ page }) => {
  const body = await webllmStubWorker({ model: WORDS });
  await page.route(WEBLLM_WORKER_CHUNK, (route) => route.fulfill({ contentType: 'text/javascript', body }));
  await page.goto('en/playground/');
  const widget = page.getByTestId('surprisal');
  await waitForIsland(widget);
  const score = widget.getByRole('button', { name: 'Score', exact: true });
  await score.click({ timeout: 30_000 });
  await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  // No real model yet: no choice to offer, and the samples say which the built-in model saw.
  await expect(widget.getByTestId('sv-engine')).toHaveCount(0);
  await expect(widget.locator('.sv-tag').first()).toBeVisible();

  const panel = page.getByTestId('webllm-panel');
  await waitForIsland(panel);
  await expect(panel.getByTestId('webllm-facts')).toBeVisible({ timeout: 30_000 });
  await panel.getByRole('button', { name: /Download and load|Load .* from the cache/ }).click();
  await expect(panel.getByTestId('webllm-play').getByRole('status')).toContainText('is ready');

  await widget.scrollIntoViewIfNeeded();
  const engine = widget.getByTestId('sv-engine');
  await engine.getByRole('radio', { name: 'Real base model: phi-1.5' }).check();
  await expect(engine).toContainText('one token at a time on your GPU');
  // The built-in model's "seen in training" tags say nothing about the real model.
  await expect(widget.locator('.sv-tag')).toHaveCount(0);
  await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });

  await widget.getByLabel('Text to score (paste anything)').fill('The capital of France is Paris');
  await score.click();
  await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  // The real model's tokenizer: six words, six tokens; " Paris" is its first guess after " is".
  const tokens = widget.getByTestId('sv-tokens').getByRole('option');
  await expect(tokens).toHaveCount(6);
  const ranks = await tokens.locator('sub').allTextContents();
  expect(ranks[0]).toBe('—');
  expect(ranks[5]).toBe('1');
  for (const r of ranks.slice(1, 5)) expect(Number(r)).toBeGreaterThan(3);

  // Freeing the model in the panel brings the built-in model back, and says so.
  await panel.getByRole('button', { name: 'Free GPU memory' }).click();
  await expect(widget.getByTestId('sv-engine')).toHaveCount(0);
  await expect(widget.getByTestId('sv-engine-back')).toContainText('back to the built-in model');
  await score.click();
  await expect(widget.getByTestId('sv-status')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 });
  await expect(widget.locator('.sv-tag').first()).toBeVisible();
});
