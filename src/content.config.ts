import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';

/** Chapters live at the top level (content/docs/{zh,en}) so writers never dig through src/. */
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content/docs' }),
    schema: docsSchema(),
  }),
  i18n: defineCollection({
    loader: glob({ pattern: '**/*.json', base: './content/i18n' }),
    schema: i18nSchema(),
  }),
};
