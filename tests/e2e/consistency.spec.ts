/**
 * Two widgets on one page must not contradict each other, and a long page must be navigable:
 * the training lab and the real-model panel describe the same software WebGPU in words that agree,
 * and the playground page (every widget, about 12,000 px) has on-page navigation to each section.
 */
import { expect, scrollUntilHydrated, test, waitForIsland, HEAVY_TEST_TIMEOUT_MS } from './fixtures.ts';

// WebGPU through SwiftShader (playwright.config.ts's chromium-webgpu project): present, but only a
// software emulation.

for (const lang of ['zh', 'en'] as const) {
  test(`the training lab and the real-model panel say the same thing about a software WebGPU (${lang})`, async ({ page }) => {
    await page.goto(`${lang}/playground/`);
    const panel = page.getByTestId('webllm-panel');
    await waitForIsland(panel);
    // The panel: WebGPU exists, but only as a software emulation.
    await expect(panel.getByTestId('webllm-webgpu')).toHaveText(lang === 'zh' ? '有，但只是软件模拟（很慢）' : 'yes, but only a software emulation (very slow)');
    const lab = page.getByTestId('training-lab');
    await waitForIsland(lab);
    // The lab: no GPU-backed WebGPU, naming the software emulation as the reason, not "no WebGPU" alone.
    await expect(lab).toContainText(lang === 'zh' ? '没有能用显卡计算的 WebGPU（根本没有，或者只有软件模拟的）' : 'no GPU-backed WebGPU (none at all, or only a software emulation)');
  });
}

for (const [width, toc] of [
  [1280, 'starlight-toc'],
  [390, 'mobile-starlight-toc'],
] as const) {
  test(`the playground page links every section from its on-page navigation at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('en/playground/');
    const headings = await page.locator('.sl-markdown-content h2').evaluateAll((hs) => hs.map((h) => h.id));
    expect(headings.length).toBeGreaterThanOrEqual(6);
    const nav = page.locator(toc).first();
    await expect(nav).toBeAttached();
    const links = await nav.locator('a').evaluateAll((as) => as.map((a) => decodeURIComponent(new URL((a as HTMLAnchorElement).href).hash.slice(1))));
    for (const id of headings) expect(links, `a link to #${id}`).toContain(id);
    if (width === 390) {
      // The phone's "On this page" drop-down opens and jumps to a section.
      await nav.locator('summary').click();
      await nav.locator(`a[href="#${headings[3]}"]`).click();
      await expect(page).toHaveURL(new RegExp(`#${headings[3]}$`));
    }
  });
}

test('no widget button keeps the browser’s default look: every one takes the page’s font and the shared style', async ({ page }) => {
  test.setTimeout(HEAVY_TEST_TIMEOUT_MS);
  await page.goto('en/playground/');
  const islands = page.locator('astro-island');
  const count = await islands.count();
  for (let i = 0; i < count; i++) {
    await scrollUntilHydrated(islands.nth(i));
  }
  const report = await page.evaluate(() => {
    const bodyFont = getComputedStyle(document.body).fontFamily;
    const buttons = [...document.querySelectorAll<HTMLButtonElement>('.widget button')].filter((b) => b.getClientRects().length > 0);
    const odd = buttons
      .map((b) => ({ b, s: getComputedStyle(b) }))
      // The user-agent button: its own font (13.33 px), a grey ButtonFace fill, an outset border.
      .filter(({ s }) => s.fontFamily !== bodyFont || s.fontSize === '13.3333px' || s.borderStyle.includes('outset') || s.backgroundColor === 'rgb(239, 239, 239)')
      .map(({ b, s }) => `${b.closest('astro-island')?.getAttribute('component-url')?.split('/').pop()}: “${b.textContent?.trim().slice(0, 30)}” (${s.fontFamily.slice(0, 20)}, ${s.fontSize}, ${s.borderStyle}, ${s.backgroundColor})`);
    return { total: buttons.length, odd };
  });
  expect(report.total).toBeGreaterThan(20);
  expect(report.odd).toEqual([]);
});
