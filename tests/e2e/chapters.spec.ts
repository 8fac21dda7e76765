/**
 * The explanation as a reader meets it in the built site: figures that a screen reader can name
 * and that follow the theme, glossary and citation links that land on their entry, the
 * "More precisely" asides rendered as asides, and the math typeset.
 */
import { LANGS, expect, test } from './fixtures.ts';

const FIGURE_NAMES = { zh: /训练循环|循环/, en: /loop/ } as const;

for (const lang of LANGS) {
  test(`${lang}: chapter 2's figures are named images that follow the dark theme`, async ({ page }) => {
    await page.goto(`${lang}/02-lossy-compression/`);
    const figures = page.getByRole('img', { name: FIGURE_NAMES[lang] });
    await expect(figures.first()).toBeVisible();
    // The JPEG figure, the training loop and "inside the box" (the forward pass's weights).
    expect(await page.locator('.site-figure').count()).toBe(3);
    // The source line and a link to the SVG file under the base path.
    const svgLink = page.locator(`.site-figure-source a[href="/sub/figures/training-loop.${lang}.svg"]`);
    await expect(svgLink).toHaveCount(1);
    const response = await page.request.get(`/sub/figures/training-loop.${lang}.svg`);
    expect(response.status()).toBe(200);

    const textColour = () =>
      page.locator('.site-figure svg text.t').first().evaluate((el) => getComputedStyle(el).fill);
    const light = await textColour();
    await page.evaluate(() => {
      document.documentElement.dataset.theme = 'dark';
    });
    const dark = await textColour();
    expect(dark).not.toBe(light);
  });

  test(`${lang}: a glossary link and a citation land on their entries`, async ({ page }) => {
    await page.goto(`${lang}/03-not-packed-inside/`);
    await page.locator(`main a[href="/sub/${lang}/glossary/#safetensors"]`).first().click();
    await expect(page).toHaveURL(new RegExp(`/sub/${lang}/glossary/#safetensors$`));
    await expect(page.locator('h3#safetensors')).toBeInViewport();

    await page.goto(`${lang}/03-not-packed-inside/`);
    await page.locator(`main a[href="/sub/${lang}/references/#carlini2021"]`).first().click();
    await expect(page.locator('li#carlini2021')).toBeInViewport();
    await expect(page.locator('li#carlini2021 a[href="https://arxiv.org/abs/2012.07805"]')).toBeVisible();
  });

  test(`${lang}: "more precisely" asides render as Starlight asides, math as KaTeX`, async ({ page }) => {
    await page.goto(`${lang}/04-orders-of-magnitude/`);
    const title = lang === 'zh' ? '更准确地说' : 'More precisely';
    const asides = page.locator('aside.starlight-aside--note');
    expect(await asides.count()).toBeGreaterThanOrEqual(3);
    await expect(asides.first().locator('.starlight-aside__title')).toContainText(title);
    expect(await page.locator('.katex-display').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('.katex-error')).toHaveCount(0);
  });
}
