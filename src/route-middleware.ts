/**
 * Starlight route middleware: hero buttons are written in frontmatter as root-relative links
 * ("/zh/01-why-it-talks/"), which no Markdown plugin sees; prefix them with the base path here,
 * with the same `withBase` that src/tools/remark-base-links.ts uses for links in the text.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { withBase } from './lib/base-path.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const { entry } = context.locals.starlightRoute;
  // content/docs/404.mdx is a draft only so that it gets no /404/ page of its own (Starlight still
  // renders it as the site's 404.html); the reader should not see a "this is a draft" notice.
  if (entry.id === '404') entry.data.draft = false;
  const hero = entry.data.hero;
  for (const action of hero?.actions ?? []) {
    action.link = withBase(import.meta.env.BASE_URL, action.link);
  }
});
