import { expect, expectFitsAndPassesAxeInBothThemes, HEAVY_TEST_TIMEOUT_MS, test, waitForIsland } from './fixtures.ts';
import { serializeSafetensors } from '../../src/lib/safetensors/write.ts';

/** A small weights file made here, so the test does not depend on any trained model. */
function sampleFile(): Buffer {
  const values = Float32Array.from({ length: 64 * 8 }, (_, i) => Math.sin(i) * 0.1);
  return Buffer.from(
    serializeSafetensors(
      [
        { name: 'wte.weight', dtype: 'F32', shape: [64, 8], data: values },
        { name: 'ln_f.bias', dtype: 'F32', shape: [8], data: new Float32Array(8) },
      ],
      { format: 'pt' },
    ),
  );
}

for (const lang of ['zh', 'en'] as const) {
  test(`the weights inspector reads a local file by slices and finds no text in it (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/03-not-packed-inside/`);
    const widget = page.getByTestId('weights-inspector');
    await waitForIsland(page.getByTestId('weights-inspector'));
    await widget.getByTestId('wi-file').setInputFiles({ name: 'sample.safetensors', mimeType: 'application/octet-stream', buffer: sampleFile() });
    await expect(widget.getByTestId('wi-total-params')).toHaveText('520');
    await expect(widget.getByTestId('wi-tensors').locator('tbody tr')).toHaveCount(2);
    // The first bytes are the header: the hex view says so.
    await expect(widget.getByTestId('wi-region')).toContainText(lang === 'zh' ? '头部' : 'header length');

    await widget.getByRole('button', { name: lang === 'zh' ? '查看 wte.weight' : 'Show wte.weight' }).click();
    await expect(widget.getByTestId('wi-hist-summary')).toContainText('512');
    await expect(widget.getByTestId('wi-region')).toContainText('wte.weight');
    await expect(widget.getByTestId('wi-hex')).toContainText('00000');

    await widget.getByRole('button', { name: '巴黎', exact: true }).click();
    await expect(widget.getByTestId('wi-search-result')).toContainText(lang === 'zh' ? '找到 0 处' : '0 hits');
    await widget.getByRole('button', { name: 'Paris', exact: true }).click();
    await expect(widget.getByTestId('wi-search-result')).toContainText(lang === 'zh' ? '找到 0 处' : '0 hits');
  });
}

test('the weights inspector explains a file that is not safetensors', async ({ page }) => {
  await page.goto('en/03-not-packed-inside/');
  const widget = page.getByTestId('weights-inspector');
  await waitForIsland(page.getByTestId('weights-inspector'));
  await widget.getByTestId('wi-file').setInputFiles({ name: 'notes.safetensors', mimeType: 'text/plain', buffer: Buffer.from('just some text, not weights') });
  await expect(widget.getByRole('alert')).toContainText('not a valid safetensors file');
});

test('the built-in model: no 巴黎 in its weights, 巴黎 as a vocabulary piece, and the model says 巴黎', async ({ page }) => {
  await page.goto('zh/03-not-packed-inside/');
  const widget = page.getByTestId('weights-inspector');
  await waitForIsland(page.getByTestId('weights-inspector'));
  await widget.getByRole('button', { name: /打开内置模型/ }).click();
  await expect(widget.getByTestId('wi-summary')).toContainText('tiny-m/model.safetensors');
  await widget.getByRole('button', { name: '巴黎', exact: true }).click();
  await expect(widget.getByTestId('wi-search-result')).toContainText('找到 0 处');
  await expect(widget.getByTestId('wi-vocab')).toContainText('巴黎');
  await widget.getByRole('button', { name: '问问模型' }).click();
  // 巴黎 is among the model's top three next tokens (each shown with its probability).
  await expect(widget.getByTestId('wi-model-answer')).toContainText('巴黎', { timeout: 30_000 });
  await expect(widget.getByTestId('wi-sentence-pieces').locator('.wi-token')).not.toHaveCount(1);
});

test('the weights inspector fits a 360 px screen and has no axe violations, in light and dark', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto('zh/03-not-packed-inside/');
  await waitForIsland(page.getByTestId('weights-inspector'));
  const widget = page.getByTestId('weights-inspector');
  await widget.getByTestId('wi-file').setInputFiles({ name: 'sample.safetensors', mimeType: 'application/octet-stream', buffer: sampleFile() });
  await widget.getByRole('button', { name: '查看 wte.weight' }).click();
  await widget.getByRole('button', { name: '巴黎', exact: true }).click();
  await expect(widget.getByTestId('wi-search-result')).toContainText('找到 0 处');
  await expectFitsAndPassesAxeInBothThemes(page, 'weights-inspector');
});
