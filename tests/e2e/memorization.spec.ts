import { expect, expectFitsAndPassesAxeInBothThemes, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';

for (const lang of ['zh', 'en'] as const) {
  test(`the memorization probe shows, token by token, whether the model recites a training sentence (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/03-not-packed-inside/`);
    const widget = page.getByTestId('memorization');
    await waitForIsland(page.getByTestId('memorization'));
    // Sentences are grouped by how often the corpus repeats them.
    await expect(widget.locator('optgroup').first()).toBeAttached();
    await widget.getByRole('button', { name: lang === 'zh' ? '测试' : 'Probe' }).click();
    const tokens = widget.getByTestId('memorization-tokens').locator('li');
    await expect(tokens.first()).toBeVisible({ timeout: 30_000 });
    const verdict = widget.getByTestId('memorization-verdict');
    await expect(verdict).toHaveText(lang === 'zh' ? /一字不差|没有背下来/ : /Verbatim|Not memorized/);
    // Each token carries its verdict for screen readers.
    await expect(tokens.first()).toHaveAttribute('aria-label', lang === 'zh' ? /对|应为/ : /correct|expected/);
  });
}

test('the extraction table has a row per repetition count and a column per model size', async ({ page }) => {
  await page.goto('en/03-not-packed-inside/');
  const widget = page.getByTestId('memorization');
  await waitForIsland(page.getByTestId('memorization'));
  await widget.getByRole('button', { name: 'Measure again in this browser' }).click();
  const table = widget.getByTestId('memorization-table');
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(widget.getByRole('button', { name: 'Measure again in this browser' })).toBeEnabled({ timeout: 120_000 });
  await expect(widget.getByTestId('memorization-table-source')).toContainText('your browser');
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
  expect(await table.locator('thead th').count()).toBeGreaterThanOrEqual(2);
});

for (const lang of ['zh', 'en'] as const) {
  test(`the extraction table shows each share with its 95% interval and says only what the counts support (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/03-not-packed-inside/`);
    const widget = page.getByTestId('memorization');
    await waitForIsland(widget);
    const table = widget.getByTestId('memorization-table');
    // The committed evaluation: six canaries a cell; tiny-l recites all six it saw once, which is
    // at least 61 %, not "always".
    // The table fills in once every model's eval.json has arrived.
    await expect(table.locator('thead th', { hasText: /^tiny-l$/ })).toBeVisible({ timeout: 30_000 });
    await expect(table.locator('thead th', { hasText: /^rich-l$/ })).toBeVisible();
    const col = (await table.locator('thead th').allTextContents()).indexOf('tiny-l');
    expect(col, 'tiny-l has a column').toBeGreaterThan(0);
    const onceRow = table.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^1$/ }) });
    await expect(onceRow.locator('td').nth(col - 1)).toContainText(/6\/6[\s\S]*61%–100%/);
    await expect(widget.getByTestId('memorization-noise')).toContainText(lang === 'zh' ? '每格只数了 6 句' : 'Each cell counts only 6 sentences');
    const findings = widget.getByTestId('memorization-findings');
    await expect(findings.locator('li[data-kind="even-once"]')).toContainText('tiny-l');
    await expect(findings.locator('li[data-kind="repetition"]').first()).toContainText('tiny-s');
    await expect(findings.locator('li[data-kind="none"]')).toContainText(lang === 'zh' ? /rich-s、rich-m、rich-l：36 句一句也没有背出/ : /rich-s, rich-m, rich-l: none of 36 sentences/);
  });
}

test('the memorization probe fits a 360 px screen and has no axe violations, in light and dark', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('zh/03-not-packed-inside/');
  await waitForIsland(page.getByTestId('memorization'));
  const widget = page.getByTestId('memorization');
  await widget.getByRole('button', { name: '测试' }).click();
  await expect(widget.getByTestId('memorization-verdict')).toBeVisible({ timeout: 30_000 });
  await expectFitsAndPassesAxeInBothThemes(page, 'memorization');
});
