import { BASE_PATH, expect, test, waitForIsland } from './fixtures.ts';

for (const [lang, params, paramsAfter] of [
  ['zh', '80 亿', '1 万亿'],
  ['en', '8B', '1T'],
] as const) {
  test(`the model-size slider computes file sizes (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/04-orders-of-magnitude/`);
    const widget = page.getByTestId('model-size');
    await waitForIsland(widget);
    await expect(page.getByTestId('model-size-params')).toHaveText(params);
    await expect(widget.locator('tr[data-precision="fp16"] output')).toHaveText('16 GB');
    await expect(widget.locator('tr[data-precision="fp32"] output')).toHaveText('32 GB');
    await expect(widget.locator('tr[data-precision="q4"] output')).toHaveText('4.5 GB');

    const slider = widget.getByRole('slider');
    await slider.focus();
    await slider.press('End');
    await expect(page.getByTestId('model-size-params')).toHaveText(paramsAfter);
    await expect(widget.locator('tr[data-precision="fp16"] output')).toHaveText('2 TB');
    expect(page.url()).toContain(BASE_PATH);
  });
}
