/**
 * The playground's engine switch, in Chromium with WebGPU from SwiftShader: a "real" base model is
 * loaded in the Real model panel through a stub worker that speaks the WebLLM protocol (no
 * weights), the playground switches to it, steps once with it, and switches back to the built-in
 * model. Passing also proves that the two islands share one `activeRealModel` signal in the build.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test, waitForIsland } from './fixtures.ts';
import { WEBLLM_WORKER_CHUNK, webllmStubWorker, type StubModel } from './webllm-stub/stub.ts';

// WebGPU through SwiftShader: playwright.config.ts's chromium-webgpu project.

/** Ids the stub gives its tokens, far above the built-in model's vocabulary, so the two are told apart. */
const FIRST_ID = 30000;

/**
 * The model the stub worker plays (tests/e2e/webllm-stub: the real worker handler over a fake
 * model): words (with their leading space) are tokens, numbered from FIRST_ID as first seen; every
 * next-token answer is " Paris", " a", " the" with logits 3, 2, 1 and the other 31,997 tokens of
 * its vocabulary at logit −8 (26.2 % together). Like the real worker, only the top 100 cross to
 * the page (the client's topK); logSumExp counts them all.
 */
const WORDS: StubModel = {
  vocabSize: 32_000,
  firstId: FIRST_ID,
  next: { top: [[' Paris', 3], [' a', 2], [' the', 1]], restLogSumExp: -8 + Math.log(31_997) },
  completion: { text: ' Paris.', finishReason: 'stop' },
  chatAnswer: 'Paris.',
};

const T = {
  en: {
    page: 'en/playground/',
    legend: 'Which model',
    builtIn: 'Built-in model',
    real: /^Real base model: phi-1\.5$/,
    hint: 'load one first in the Real model panel below',
    link: 'Go to the panel',
    load: /Download and load|Load .* from the cache/,
    ready: 'phi-1.5 (q4f32_1) is ready',
    nowReal: 'Now using the real base model phi-1.5.',
    treeReset: 'The branch tree belonged to the other model',
    back: 'Back to the built-in model.',
    greedy: 'Greedy step',
    tail: /^The other 31,985 tokens together: 26\.2%/,
    unsent: 'The model sent only its top candidates',
    prompt: 'The capital of France is',
    own: 'model: 49.1%',
  },
  zh: {
    page: 'zh/01-why-it-talks/',
    legend: '用哪个模型',
    builtIn: '内置小模型',
    real: /^真正的基座模型：phi-1\.5$/,
    hint: '请先在下方的“真正的基座模型”面板里加载一个',
    link: '前往面板',
    load: /下载并加载|从缓存加载/,
    ready: 'phi-1.5',
    nowReal: '现在用的是真正的基座模型 phi-1.5。',
    treeReset: '原来的分支树属于另一个模型',
    back: '换回了内置小模型。',
    greedy: '贪心一步',
    tail: /^其余 31,985 个词元合计：26\.2%/,
    unsent: '模型只发来了前几名',
    prompt: '法国的首都是',
    own: '原始 49.1%',
  },
} as const;

/** Waits until no model call is pending (the candidate buttons are enabled again). */
async function settled(widget: Locator) {
  await expect(widget.getByTestId('pg-candidates').getByRole('button').first()).toBeEnabled({ timeout: 30_000 });
}

/** The ids shown under the prompt's token chips. */
async function promptIds(widget: Locator): Promise<number[]> {
  return (await widget.getByTestId('pg-prompt-tokens').locator('.pg-chip-id').allTextContents()).map(Number);
}

async function openPlayground(page: Page, path: string) {
  const body = await webllmStubWorker({ model: WORDS });
  await page.route(WEBLLM_WORKER_CHUNK, (route) => route.fulfill({ contentType: 'text/javascript', body }));
  await page.goto(path);
  const widget = page.getByTestId('playground');
  await waitForIsland(widget);
  await settled(widget);
  return widget;
}

for (const lang of ['en', 'zh'] as const) {
  const t = T[lang];
  test(`switch to a loaded real base model, step with it, and switch back (${lang})`, async ({ page }) => {
    const widget = await openPlayground(page, t.page);
    const engine = widget.getByRole('group', { name: t.legend });
    // No real model yet: no choice to make (no dead radio button); the reader is told where to load one.
    await expect(engine).toContainText(t.builtIn);
    await expect(engine.getByRole('radio')).toHaveCount(0);
    await expect(engine).toContainText(t.hint);
    const builtInIds = await promptIds(widget);
    expect(builtInIds.every((id) => id < FIRST_ID)).toBe(true);

    // The link leads to the panel; load the "real" model there (the stub worker answers).
    await engine.getByRole('link', { name: t.link }).click();
    await expect(page).toHaveURL(/#real-model$/);
    const panel = page.getByTestId('webllm-panel');
    await expect(panel.getByTestId('webllm-facts')).toBeVisible({ timeout: 30_000 });
    await panel.getByRole('button', { name: t.load }).click();
    await expect(panel.getByTestId('webllm-play').getByRole('status')).toContainText(t.ready);

    // Back in the playground: the real model is offered; choose it.
    await widget.scrollIntoViewIfNeeded();
    const real = engine.getByRole('radio', { name: t.real });
    await expect(real).toBeEnabled();
    await expect(engine).not.toContainText(t.hint);
    await real.check();
    await expect(widget.getByTestId('pg-engine-note')).toContainText(t.nowReal);
    await settled(widget);
    // The same text, split by the other model's tokenizer: its own ids.
    await expect(widget.getByLabel(lang === 'en' ? 'The start of a text (the prompt)' : '开头的文本（提示词）')).toHaveValue(t.prompt);
    const realIds = await promptIds(widget);
    expect(realIds.length).toBeGreaterThan(0);
    expect(realIds.every((id) => id >= FIRST_ID)).toBe(true);
    // The top 100 crossed from the worker; the chart shows 15 and the tail is the rest of its 32,000 tokens.
    const bars = widget.getByTestId('pg-candidates').getByRole('button');
    await expect(bars).toHaveCount(15);
    // Drawn among the 100 sent (66.5 %), but the model's own probability (49.1 %) is shown too.
    await expect(bars.first()).toContainText('66.5%');
    await expect(bars.first()).toContainText(t.own);
    await expect(widget.getByTestId('pg-tail')).toHaveText(t.tail);
    await expect(widget).toContainText(t.unsent);

    // The same controls: one greedy step with the real model.
    await widget.getByRole('button', { name: t.greedy, exact: true }).click();
    await expect(widget.getByTestId('pg-generated-tokens').locator('li')).toHaveCount(1);
    await expect(widget.getByTestId('pg-continuation')).toContainText('Paris');
    await settled(widget);
    if (lang === 'en') await expect.poll(() => new URL(page.url()).searchParams.get('pg.engine')).toBe('phi-1_5');

    // And back: the text (prompt and the real model's token) stays, split again by the built-in model.
    await engine.getByRole('radio', { name: t.builtIn }).check();
    await expect(widget.getByTestId('pg-engine-note')).toContainText(t.back);
    await expect(widget.getByTestId('pg-engine-note')).toContainText(t.treeReset);
    await settled(widget);
    await expect(widget.getByLabel(lang === 'en' ? 'The start of a text (the prompt)' : '开头的文本（提示词）')).toHaveValue(`${t.prompt} Paris`);
    expect((await promptIds(widget)).every((id) => id < FIRST_ID)).toBe(true);
    await expect(widget.getByTestId('pg-generated-tokens')).toHaveCount(0);
    // The real model is still loaded, so the switch still offers it.
    await expect(engine.getByRole('radio', { name: t.real })).toBeEnabled();

    // Freeing the model in the panel while the playground uses it brings the built-in model back.
    await real.check();
    await expect(widget.getByTestId('pg-engine-note')).toContainText(t.nowReal);
    await settled(widget);
    await panel.getByRole('button', { name: lang === 'en' ? 'Free GPU memory' : '释放显存' }).click();
    await expect(engine.getByRole('radio')).toHaveCount(0);
    await expect(engine).toContainText(t.builtIn);
    await settled(widget);
  });
}

test('a shared link made with a real model opens on the built-in model and says so', async ({ page }) => {
  const widget = await openPlayground(page, `${T.en.page}?pg.prompt=Hello&pg.seed=3&pg.path=30001.30002&pg.engine=phi-1_5`);
  await expect(widget.getByTestId('pg-engine-note')).toContainText('This link was made with the real base model phi-1_5');
  // Nothing to choose until a real model is loaded: the switch names the model in use, no radio.
  await expect(widget.getByTestId('pg-engine')).toContainText(T.en.builtIn);
  await expect(widget.getByTestId('pg-engine').getByRole('radio')).toHaveCount(0);
  await expect(widget.getByLabel('The start of a text (the prompt)')).toHaveValue('Hello');
  // The other model's token ids are not read as the built-in model's tokens.
  await expect(widget.getByTestId('pg-generated-tokens')).toHaveCount(0);
});
