import type { Page } from '@playwright/test';
import { expect, expectFitsAndPassesAxeInBothThemes, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';

async function compress(page: Page, option: RegExp) {
  const widget = page.getByTestId('compressor');
  await widget.getByRole('combobox').selectOption({ label: (await widget.getByRole('option', { name: option }).first().textContent())! });
  await widget.getByRole('button', { name: /Compress and decompress|压缩并解压/ }).click();
  await expect(widget.getByTestId('compressor-roundtrip')).toBeVisible({ timeout: 60_000 });
  const bytes = async (name: string) => Number(await widget.locator(`tr[data-row="${name}"]`).getAttribute('data-bytes'));
  return {
    roundTrip: await widget.getByTestId('compressor-roundtrip').textContent(),
    original: await bytes('original'),
    gzip: await bytes('gzip'),
    model: await bytes('model'),
  };
}

test('the compressor round-trips a training passage and a new one; the training one compresses better (en)', async ({ page }) => {
  await page.goto('en/06-conclusions/');
  await waitForIsland(page.getByTestId('compressor'));
  await expect(page.getByTestId('compressor').getByRole('option', { name: /Training corpus/ }).first()).toBeAttached();
  const trained = await compress(page, /Training corpus/);
  expect(trained.roundTrip).toContain('✓');
  expect(trained.model).toBeLessThan(trained.gzip);
  const fresh = await compress(page, /A new text/);
  expect(fresh.roundTrip).toContain('✓');
  expect(fresh.model / fresh.original).toBeGreaterThan(trained.model / trained.original);
});

test('the compressor round-trips typed text with emoji and CJK (zh)', async ({ page }) => {
  await page.goto('zh/06-conclusions/');
  const widget = page.getByTestId('compressor');
  await waitForIsland(page.getByTestId('compressor'));
  await widget.getByRole('textbox').fill('🤖 基座模型 e\u0301');
  await widget.getByRole('button', { name: '压缩并解压' }).click();
  await expect(widget.getByTestId('compressor-roundtrip')).toContainText('✓', { timeout: 60_000 });
});

test('the compressor fits a 360 px screen and has no axe violations, in light and dark', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('zh/06-conclusions/');
  await waitForIsland(page.getByTestId('compressor'));
  const widget = page.getByTestId('compressor');
  await widget.getByRole('button', { name: '压缩并解压' }).click();
  await expect(widget.getByTestId('compressor-roundtrip')).toBeVisible({ timeout: 60_000 });
  await expectFitsAndPassesAxeInBothThemes(page, 'compressor');
});
