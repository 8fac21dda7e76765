import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/** Chapters live at the top level (content/docs/{zh,en}) so writers never dig through src/. */
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  // Starlight keys UI-string overrides by their path under src/content/i18n/ (zh-CN.json, en.json),
  // so they stay there.
  i18n: defineCollection({
    loader: glob({ pattern: '**/*.json', base: './src/content/i18n' }),
    schema: i18nSchema(),
  }),
};
