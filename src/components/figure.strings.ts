import { defineStrings } from '../i18n/lang.ts';

/** The strings Figure.astro prints under a figure. */
export const figureStrings = defineStrings({
  en: { source: 'Source: ', open: 'Open the SVG' },
  zh: { source: '来源：', open: '单独打开 SVG' },
});
