import type { Locator, Page } from '@playwright/test';
import { axe, expect, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';

/** The page the lead mounts the playground on (both languages). */
const PAGE = (lang: 'zh' | 'en') => `${lang}/playground/`;

/** Opens the page and waits until the built-in model has loaded and shown a distribution. */
async function openPlayground(page: Page, lang: 'zh' | 'en' = 'en', query = ''): Promise<Locator> {
  await page.goto(PAGE(lang) + query);
  const widget = page.getByTestId('playground');
  await waitForIsland(widget);
  // Only this widget's island is waited for: others further down hydrate when scrolled to.
  // Where the widget is mounted with autoLoad={false}, the reader starts it.
  const load = widget.getByRole('button', { name: lang === 'zh' ? '加载内置模型' : 'Load the built-in model' });
  const candidate = widget.getByTestId('pg-candidates').getByRole('button').first();
  await expect(widget.getByTestId('pg-prompt-tokens').or(load)).toBeVisible({ timeout: 30_000 });
  if (await load.isVisible()) await load.click();
  await expect(candidate).toBeVisible({ timeout: 30_000 });
  return widget;
}

/** Waits until no model call is pending (the candidate buttons are enabled again). */
async function settled(widget: Locator) {
  await expect(widget.getByTestId('pg-candidates').getByRole('button').first()).toBeEnabled();
}

test('type, step, branch, and go back to the earlier branch', async ({ page }) => {
  const widget = await openPlayground(page, 'en');
  const prompt = widget.getByLabel('The start of a text (the prompt)');
  await prompt.fill('The capital of France is');
  await expect(widget.getByTestId('pg-prompt-tokens').locator('li').first()).toBeVisible();
  await settled(widget);
  const promptChips = await widget.getByTestId('pg-prompt-tokens').locator('li').count();
  expect(promptChips).toBeGreaterThan(1);

  await widget.getByRole('button', { name: 'Greedy step', exact: true }).click();
  await expect(widget.getByTestId('pg-generated-tokens').locator('li')).toHaveCount(1);
  await settled(widget);
  const greedyText = await widget.getByTestId('pg-continuation').textContent();
  expect(greedyText?.length).toBeGreaterThan(0);

  // Back one token, then choose the rank-3 candidate instead: the text branches.
  await widget.getByRole('button', { name: 'Undo', exact: true }).click();
  await settled(widget);
  await widget.getByTestId('pg-candidates').getByRole('button').nth(2).click();
  await expect(widget.getByTestId('pg-status')).toContainText('rank 3');
  await settled(widget);
  const branchText = await widget.getByTestId('pg-continuation').textContent();
  expect(branchText).not.toBe(greedyText);

  // Both branches are in the tree; choosing the first one brings its text back.
  const loom = widget.getByTestId('pg-loom');
  await expect(loom.getByRole('button')).toHaveCount(3); // the prompt and two branches
  await loom.getByRole('button').nth(1).click();
  await expect(widget.getByTestId('pg-continuation')).toHaveText(greedyText!);
});

test('temperature reshapes the chart without a new prediction; 0 is greedy', async ({ page }) => {
  const widget = await openPlayground(page, 'en');
  const bars = widget.getByTestId('pg-candidates').locator('li[data-kept]');
  await expect(bars).toHaveCount(15);
  await widget.getByRole('button', { name: 'Show the top 50' }).click();
  await expect(bars).toHaveCount(50);
  await expect(widget.locator('li[data-kept="true"]')).toHaveCount(50);
  const before = await widget.getByTestId('pg-entropy').textContent();

  const temperature = widget.getByRole('slider', { name: /Temperature/ });
  await temperature.focus();
  await temperature.press('Home');
  await expect(widget.locator('li[data-kept="true"]')).toHaveCount(1);
  await expect(widget.getByTestId('pg-cutline')).toContainText('Temperature 0 (greedy)');
  await expect(widget.getByTestId('pg-entropy')).toContainText('with your settings: 0.00 bits');

  // Top-p cuts the list somewhere; the cut line is drawn and the rows below it are marked cut.
  await widget.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(widget.getByTestId('pg-entropy')).toHaveText(before!);
  await widget.getByRole('slider', { name: /Top-p/ }).fill('0.5');
  await expect(widget.locator('li[data-kept="false"]').first()).toBeVisible();
  await expect(widget.getByTestId('pg-cutline')).toContainText('Top-p');
});

test('the same seed gives the same text, and the share link replays the run', async ({ page, context }) => {
  const widget = await openPlayground(page, 'en');
  await widget.getByLabel('Random seed').fill('1234');
  await widget.getByLabel('Random seed').press('Enter');
  await widget.getByRole('slider', { name: /Temperature/ }).fill('1.5');
  for (let i = 0; i < 4; i++) {
    await widget.getByRole('button', { name: 'Sample one token', exact: true }).click();
    await settled(widget);
  }
  await expect(widget.getByTestId('pg-generated-tokens').locator('li')).toHaveCount(4);
  const text = await widget.getByTestId('pg-continuation').textContent();
  for (let i = 0; i < 4; i++) {
    await widget.getByRole('button', { name: 'Undo', exact: true }).click();
    await settled(widget);
  }
  for (let i = 0; i < 4; i++) {
    await widget.getByRole('button', { name: 'Sample one token', exact: true }).click();
    await settled(widget);
  }
  await expect(widget.getByTestId('pg-continuation')).toHaveText(text!);

  const url = await widget.getByTestId('pg-share-url').inputValue();
  expect(url).toContain('pg.seed=1234');
  const other = await context.newPage();
  await other.goto(url);
  const replay = other.getByTestId('playground');
  await waitForIsland(replay);
  await expect(replay.getByTestId('pg-continuation')).toHaveText(text!, { timeout: 30_000 });
  await expect(replay.getByLabel('Random seed')).toHaveValue('1234');
  await expect(replay.getByRole('slider', { name: /Temperature/ })).toHaveValue('1.5');
});

test('keyboard only: type a prompt, step, run and stop, undo', async ({ page }) => {
  const widget = await openPlayground(page, 'en');
  const prompt = widget.getByLabel('The start of a text (the prompt)');
  await prompt.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Hello');
  // Wait for the new prompt's tokens, then for the model: the candidates of the previous prompt
  // are still enabled for a moment after typing, and an Enter on a step button the model has
  // just disabled again does nothing (this flaked on a busy machine).
  await expect
    .poll(() => widget.getByTestId('pg-prompt-tokens').locator('li').evaluateAll((lis) => lis.map((li) => li.firstElementChild?.textContent ?? '').join('')))
    .toBe('Hello');
  await settled(widget);
  await expect(widget.getByRole('button', { name: 'Sample one token', exact: true })).toBeEnabled();
  // From the prompt, Tab reaches "Sample one token" first.
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Sample one token', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.getByTestId('pg-generated-tokens').locator('li')).toHaveCount(1);
  // The step buttons are disabled while the model works; a reader tabs on once they are back.
  await expect(widget.getByRole('button', { name: 'Greedy step', exact: true })).toBeEnabled();
  await expect(widget.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(widget.getByRole('button', { name: 'Run', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
  await expect.poll(() => widget.getByTestId('pg-generated-tokens').locator('li').count()).toBeGreaterThan(3);
  await widget.getByRole('button', { name: 'Stop', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByRole('button', { name: 'Run', exact: true })).toBeVisible();
  const n = await widget.getByTestId('pg-generated-tokens').locator('li').count();
  await widget.getByRole('button', { name: 'Undo', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(widget.getByTestId('pg-generated-tokens').locator('li')).toHaveCount(n - 1);
});

test('Chinese page: 法国的首都是 is cut into tokens and 巴黎 is among the top candidates', async ({ page }) => {
  const widget = await openPlayground(page, 'zh');
  await widget.getByRole('button', { name: '法国的首都是' }).click();
  await expect(widget.getByText('注意看：')).toBeVisible();
  await settled(widget);
  // Several tokens, so there is a next-token step between 是 and 巴黎 to show.
  expect(await widget.getByTestId('pg-prompt-tokens').locator('li').count()).toBeGreaterThan(1);
  const top5 = await widget.getByTestId('pg-candidates').locator('.pg-token-text').evaluateAll((els) => els.slice(0, 5).map((e) => e.textContent));
  console.log(`top 5 after 法国的首都是: ${top5.join(' ')}`);
  expect(top5.some((t) => t?.startsWith('巴'))).toBe(true);
});

test('the playground has no axe violations', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  const widget = await openPlayground(page, 'en');
  await widget.getByRole('button', { name: 'Greedy step', exact: true }).click();
  await settled(widget);
  const results = await axe(page).include('[data-testid="playground"]').analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.length}`)).toEqual([]);
});

test('Chinese prompts never show U+FFFD: a character cut into byte tokens shows its bytes, then the character', async ({ page }) => {
  const widget = await openPlayground(page, 'zh');
  const prompt = widget.getByLabel('开头的文本（提示词）');
  // Rare characters the built-in tokenizer has no token for: each is cut into byte tokens.
  for (const text of ['他躲进巷子里，龘靐齉。', '法国的首都是', '怎么做红烧肉?']) {
    await prompt.fill(text);
    await expect(widget.getByTestId('pg-prompt-tokens').locator('li').first()).toBeVisible();
    await settled(widget);
    for (let i = 0; i < 4; i++) {
      await widget.getByRole('button', { name: '采样一步', exact: true }).click();
      await settled(widget);
    }
    expect(await widget.textContent(), text).not.toContain('\uFFFD');
  }
  await prompt.fill('龘');
  await settled(widget);
  const chips = await widget.getByTestId('pg-prompt-tokens').locator('.pg-chip-text').allTextContents();
  expect(chips.join(' ')).toMatch(/^⟨[0-9a-f ]+⟩.* ⟨[0-9a-f ]+⟩→龘$/);
});

test('keyboard: the first Tab pass from the top of the page reaches the playground while it is still a placeholder', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 740 });
  await page.goto('en/01-why-it-talks/');
  const widget = page.getByTestId('playground');
  // Below the fold at load, so the island has not hydrated: the server's placeholder is all there is.
  await expect(widget.locator('xpath=ancestor::astro-island[1]')).toHaveAttribute('ssr', /.*/);
  await expect(widget.getByTestId('pg-placeholder')).toBeAttached();
  const inWidget = () => widget.evaluate((w) => w.contains(document.activeElement));
  const pastWidget = () =>
    widget.evaluate((w) => {
      const a = document.activeElement;
      return !!a && a !== document.body && !w.contains(a) && (w.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    });
  for (let presses = 0; !(await inWidget()); presses++) {
    expect(await pastWidget(), 'Tab skipped the playground').toBe(false);
    expect(presses, 'Tab never reached the playground').toBeLessThan(150);
    await page.keyboard.press('Tab');
  }
  // The placeholder hydrates (focus scrolled it into view) and hands focus to the widget's first control.
  await expect(widget.getByTestId('pg-placeholder')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(inWidget).toBe(true);
  const prompt = widget.getByLabel('The start of a text (the prompt)');
  for (let presses = 0; !(await prompt.evaluate((el) => el === document.activeElement)); presses++) {
    expect(await inWidget(), 'Tab left the playground before its prompt').toBe(true);
    expect(presses, 'Tab did not reach the prompt').toBeLessThan(40);
    await page.keyboard.press('Tab');
  }
  await expect(prompt).toBeFocused();
});

test('a prompt longer than the context window says so', async ({ page }) => {
  const widget = await openPlayground(page, 'en');
  const prompt = widget.getByLabel('The start of a text (the prompt)');
  await prompt.fill('The capital of France is Paris. '.repeat(40));
  await settled(widget);
  await expect(widget.getByTestId('pg-long-prompt')).toContainText(/more than this model’s context window \(\d+ tokens\)/);
  // The chips show where the window starts: everything before the marker is out of the model's sight.
  const context = Number((await widget.getByTestId('pg-long-prompt').textContent())!.match(/context window \((\d+) tokens\)/)![1]);
  const chips = widget.getByTestId('pg-prompt-tokens').locator('li.pg-chip');
  const total = await chips.count();
  expect(total).toBeGreaterThan(context);
  await expect(widget.getByTestId('pg-window-start')).toHaveText(`The context window starts here: the model sees only the ${context} tokens from here on`);
  await expect(widget.locator('li.pg-chip-outside')).toHaveCount(total - context);
  // The marker sits right after the last token the model no longer sees.
  const before = widget.getByTestId('pg-window-start').locator('xpath=preceding-sibling::li[1]');
  await expect(before).toHaveClass(/pg-chip-outside/);
  await expect(widget.getByTestId('pg-window-start').locator('xpath=following-sibling::li[1]')).not.toHaveClass(/pg-chip-outside/);
  await prompt.fill('The capital of France is');
  await settled(widget);
  await expect(widget.getByTestId('pg-long-prompt')).toHaveCount(0);
  await expect(widget.getByTestId('pg-window-start')).toHaveCount(0);
  await expect(widget.locator('li.pg-chip-outside')).toHaveCount(0);
});
