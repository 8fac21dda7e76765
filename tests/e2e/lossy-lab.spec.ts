import { expect, expectFitsAndPassesAxeInBothThemes, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';

for (const lang of ['zh', 'en'] as const) {
  test(`the JPEG slider re-encodes the photo: lower quality, fewer bytes (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/02-lossy-compression/`);
    const widget = page.getByTestId('lossy-lab');
    await waitForIsland(page.getByTestId('lossy-lab'));
    const slider = widget.getByRole('slider');
    const size = widget.getByTestId('lossy-jpeg-size');

    await slider.fill('90');
    await expect(size).toContainText('90');
    await expect(widget.getByTestId('lossy-jpeg')).toBeVisible();
    const high = Number(await size.getAttribute('data-bytes'));

    await slider.focus();
    await slider.press('Home');
    await expect(widget.getByTestId('lossy-quality')).toHaveText('1');
    await expect(size).toContainText(lang === 'zh' ? '质量 1 ' : 'quality 1 ');
    const low = Number(await size.getAttribute('data-bytes'));
    expect(low).toBeGreaterThan(100);
    expect(low).toBeLessThan(high / 2);
  });
}

test('the models table lists every built-in model with its file size and recall', async ({ page }) => {
  await page.goto('en/02-lossy-compression/');
  const widget = page.getByTestId('lossy-lab');
  await waitForIsland(page.getByTestId('lossy-lab'));
  const rows = widget.getByTestId('lossy-models').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(3);
  await expect(widget.getByTestId('lossy-models')).toContainText('tiny-m');
  // Pick the smallest model to see which facts it gets wrong (from its eval.json).
  await widget.getByRole('button', { name: 'Show the facts tiny-s gets wrong' }).click();
  await expect(widget.getByTestId('lossy-wrong')).toContainText('tiny-s');
  await expect(widget.getByTestId('lossy-wrong')).toContainText(/expected|None/);
});

for (const lang of ['zh', 'en'] as const) {
  test(`recall comes with its 95% interval and the lab says only what the counts support, regime by regime (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/02-lossy-compression/`);
    const widget = page.getByTestId('lossy-lab');
    await waitForIsland(widget);
    const tinyS = widget.getByTestId('lossy-models').locator('tbody tr').filter({ has: page.locator('th', { hasText: /^tiny-s$/ }) });
    // 5 of 68 facts: anywhere from 3 % to 16 %.
    await expect(tinyS).toContainText(/5\/68\)[\s\S]*3%–16%/);
    await expect(widget.getByTestId('lossy-noise')).toContainText('68');
    const findings = widget.getByTestId('lossy-findings');
    await expect(findings.locator('li[data-kind="grows"]')).toContainText(lang === 'zh' ? 'tiny-s 5/68、tiny-m 22/68、tiny-l 51/68' : 'tiny-s 5/68, tiny-m 22/68, tiny-l 51/68');
    await expect(findings.locator('li[data-kind="flat"]')).toContainText('rich-s');
    await expect(findings.locator('li[data-kind="precision"]').filter({ hasText: 'tiny-m-q4' })).toContainText(lang === 'zh' ? '分不出高低' : 'cannot be told apart');
    // Each regime is compared with its own largest model.
    await expect(widget).toContainText(lang === 'zh' ? '（tiny-l、rich-l）' : '(tiny-l, rich-l)');
  });
}

test('divergence is measured within each regime: in tiny-*, the smaller model is further from tiny-l', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.goto('en/02-lossy-compression/');
  const widget = page.getByTestId('lossy-lab');
  await waitForIsland(widget);
  await widget.getByRole('button', { name: 'Measure divergence from each group’s largest model' }).click();
  const findings = widget.getByTestId('lossy-findings');
  // Each reference is 0 from itself; the verdict for tiny-* is computed from the measured numbers.
  await expect(findings.locator('li[data-kind^="divergence"]')).toHaveCount(2, { timeout: 150_000 });
  const rows = widget.getByTestId('lossy-models').locator('tbody tr');
  await expect(rows.filter({ has: page.locator('th', { hasText: /^tiny-l$/ }) }).locator('td').nth(3)).toHaveText('0');
  await expect(rows.filter({ has: page.locator('th', { hasText: /^rich-l$/ }) }).locator('td').nth(3)).toHaveText('0');
  await expect(findings.locator('li[data-kind="divergence-shrinks"]')).toContainText('Divergence from tiny-l: tiny-s');
});

test('the lossy-compression lab fits a 360 px screen and has no axe violations, in light and dark', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('zh/02-lossy-compression/');
  await waitForIsland(page.getByTestId('lossy-lab'));
  const widget = page.getByTestId('lossy-lab');
  await expect(widget.getByTestId('lossy-jpeg')).toBeVisible();
  await expect(widget.getByTestId('lossy-models')).toBeVisible();
  await expectFitsAndPassesAxeInBothThemes(page, 'lossy-lab');
});
